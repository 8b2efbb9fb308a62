// Brings a PostgreSQL database's schema up to date, safely when several nodes start at once.
import { Pool, PoolClient } from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations';

// A fixed key no other advisory-lock user of the database picks: "gstdmigr" in ASCII, as a 64-bit integer.
const MIGRATION_LOCK_KEY = '7454429782909478770';

/**
 * Applies the migrations the database has not seen, each in its own transaction with its version row; returns
 * the schema version afterwards. A database newer than `migrations` is refused.
 *
 * Each transaction first takes `pg_advisory_xact_lock`, then reads the version: a second node waits there and,
 * once the first commits, reads the version it left and applies only what is still missing (nothing, usually).
 * The transaction-scoped lock, not the session one, because it ends with the transaction whatever happens: a
 * session lock left behind by an error would stay on a pooled connection and block every node's next start.
 * READ COMMITTED is pinned so the version read sees commits made while this transaction waited for the lock.
 */
export async function migratePostgres(pool: Pool, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<number> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
        for (;;) {
            const { version, applied } = await applyNext(client, migrations);
            if (!applied) return version;
        }
    } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
    } finally {
        // A connection that failed mid-transaction is dropped rather than handed back to the pool.
        client.release(broken);
    }
}

async function applyNext(client: PoolClient, migrations: readonly string[]): Promise<{ version: number; applied: boolean }> {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
        const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
        const version = rows[0].v ?? 0;
        if (version > migrations.length) {
            throw new Error(`the database is at schema version ${version}, newer than this service knows (${migrations.length})`);
        }
        if (version === migrations.length) {
            await client.query('COMMIT');
            return { version, applied: false };
        }
        await client.query(migrations[version]);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, Date.now()]);
        await client.query('COMMIT');
        return { version: version + 1, applied: true };
    } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
}
