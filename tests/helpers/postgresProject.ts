// Set up for the jest project `postgres`: the service runs on PostgreSQL, and each test file's server stops with it.
import { stopTestPostgres } from './testStore';

afterAll(() => stopTestPostgres(), 60_000);
