// The embedded SQLite store: one file under the data directory, WAL journal, schema brought up to date at open.
import Database from 'better-sqlite3';
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the database at `path`, or an in-memory one for ':memory:', and applies every
 * migration it has not seen yet, each in its own transaction.
 *
 * `synchronous = NORMAL` with WAL: a committed transaction survives the process being killed (its pages are in
 * the OS's hands); only a power loss may drop the last few commits.
 */
export function openDatabase(path: string): Db {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
}

/** Applies pending migrations; returns the schema version afterwards. */
export function migrate(db: Db): number {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    let version = row.v ?? 0;
    if (version > MIGRATIONS.length) {
        throw new Error(`the database is at schema version ${version}, newer than this service knows (${MIGRATIONS.length})`);
    }
    for (; version < MIGRATIONS.length; version++) {
        const sql = MIGRATIONS[version];
        db.transaction(() => {
            db.exec(sql);
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version + 1, Date.now());
        })();
    }
    return version;
}
