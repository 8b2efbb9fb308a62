// Which store the service under test runs on. The default is SQLite. The jest project `postgres` (jest.config.ts)
// runs the service behaviour suites again with GSTD_TEST_STORE=postgres: each service fixture then gets a fresh,
// empty database on one real PostgreSQL per test file, started on first use and stopped after the file's tests.
import { Client } from 'pg';
import { PostgresServer, startPostgres } from './postgresServer';

export type TestStore = 'sqlite' | 'postgres';

export function testStore(): TestStore {
    return process.env.GSTD_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

let server: Promise<PostgresServer> | undefined;
let databases = 0;

/** Environment for loadConfig that puts a fixture on the store under test: DATABASE_URL on PostgreSQL, nothing on SQLite. */
export async function testStoreEnv(): Promise<Record<string, string>> {
    if (testStore() === 'sqlite') return {};
    return { DATABASE_URL: await freshPostgresDatabase() };
}

/** A new empty database on this file's PostgreSQL server; its URL. */
export async function freshPostgresDatabase(): Promise<string> {
    server ??= startPostgres();
    const postgres = await server;
    const name = `gstd_test_${++databases}`;
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    try {
        await admin.query(`CREATE DATABASE ${name}`);
    } finally {
        await admin.end();
    }
    const url = new URL(postgres.url);
    url.pathname = `/${name}`;
    return url.toString();
}

/** Stops this file's PostgreSQL, if one was started (registered by tests/helpers/postgresProject.ts). */
export async function stopTestPostgres(): Promise<void> {
    const running = server;
    server = undefined;
    if (running) await (await running).stop();
}
