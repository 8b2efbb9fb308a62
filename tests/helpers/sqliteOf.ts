// The better-sqlite3 connection behind a service on its embedded store, for tests that arrange or inspect rows
// directly. Tests written this way run on SQLite only; the store behaviour suite runs on both stores.
import { Db } from '../../backend/src/store/database';
import { SqliteStore } from '../../backend/src/store/sqliteStore';
import { Store } from '../../backend/src/store/sql';

export function sqliteOf(ctx: { store: Store }): Db {
    if (!(ctx.store instanceof SqliteStore)) throw new Error('this test reads SQLite directly; the service runs on another store');
    return ctx.store.db;
}
