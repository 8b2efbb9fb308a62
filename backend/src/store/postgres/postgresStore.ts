// The shared store: PostgreSQL behind the same async Store interface as SQLite, so several service nodes can work on
// one database. Statements arrive with SQLite's `?` placeholders and are numbered once per text. Transactions run at
// READ COMMITTED on a pooled connection; rows a transaction will write are read FOR NO KEY UPDATE and rules spanning rows
// take an advisory lock, so the database, not one process's event loop, decides who goes first.
import { Pool, PoolClient, QueryConfig, QueryResult, TypeOverrides } from 'pg';
import { ServiceError } from '../../service/serviceError';
import { Sql, SqlParam, Store } from '../sql';
import { isConnectionFailure, isRetryableConflict } from './connectionFailure';
import { migratePostgres } from './migrate';
import { NumberedSql, numberPlaceholders } from './placeholders';

const DEFAULT_MAX_CONNECTIONS = 10;
/** How long a statement waits for a connection (a new one, or a free one from a full pool) before giving up. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Runs of a transaction body in all when PostgreSQL keeps rolling it back for a deadlock or serialisation conflict. */
export const MAX_TRANSACTION_ATTEMPTS = 5;
// NO KEY UPDATE: as exclusive between lockers as FOR UPDATE, but it leaves alone the key-share locks a foreign key
// takes. With FOR UPDATE, a decision locking a device's trust row waited for every uncommitted result that device
// inserted elsewhere (results.device_id references it), and two decisions sharing devices deadlocked (bench:cluster).
const FOR_UPDATE = ' FOR NO KEY UPDATE';
const INT8_OID = 20;

export const STORE_UNAVAILABLE = 'STORE_UNAVAILABLE';
const NOTHING_CHANGED = 'the database cannot be reached right now; nothing was changed, try again';
// The COMMIT was sent and no answer came back: it may or may not have landed. Our writes are idempotent by key, so
// the same request again is safe either way.
const LOST_WHILE_COMMITTING = 'the database connection was lost while committing; try again';

// BIGINT (times in ms, COUNT(*)) reads as a JS number, as SQLite returns it; pg's own default is a string. Set on this
// pool only, never on pg's global parsers, which other code in the process may rely on. NUMERIC (money, logical
// times) stays a decimal string. A BIGINT beyond 2^53 would lose digits as a number, so it fails the query instead.
const PARSERS = new TypeOverrides();
PARSERS.setTypeParser(INT8_OID, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new Error(`BIGINT ${text} is beyond 2^53 and cannot be read as a number`);
    return value;
});

/** A transaction's state, seen by its handle and by the store's calls made from inside the body. */
interface TransactionScope {
    open: boolean;
}

export class PostgresStore implements Store {
    readonly dialect = 'postgres' as const;
    readonly forUpdate = FOR_UPDATE;
    private readonly numbered = new Map<string, NumberedSql & { name: string }>();

    private constructor(private readonly pool: Pool) {}

    /** Opens a pool on `url` and brings the schema up to date. */
    static async connect(url: string, options: { maxConnections?: number } = {}): Promise<PostgresStore> {
        const pool = new Pool({
            connectionString: url,
            max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
            types: PARSERS,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
            keepAlive: true,
        });
        // An idle pooled connection whose server went away (a restart, a failover) is dropped by the pool, which
        // then emits 'error'; unheard, that would crash the process. The next statement opens a fresh connection.
        pool.on('error', () => undefined);
        try {
            await migratePostgres(pool);
        } catch (error) {
            await pool.end();
            throw error;
        }
        return new PostgresStore(pool);
    }

    async one<T>(text: string, ...params: SqlParam[]): Promise<T | undefined> {
        return (await this.outsideTransaction<T>(text, params)).rows[0];
    }

    async all<T>(text: string, ...params: SqlParam[]): Promise<T[]> {
        return (await this.outsideTransaction<T>(text, params)).rows;
    }

    async run(text: string, ...params: SqlParam[]): Promise<number> {
        return (await this.outsideTransaction(text, params)).rowCount ?? 0;
    }

    async lock(name: string): Promise<void> {
        throw new Error(`lock('${name}') holds its lock until the transaction ends: call it on a transaction handle, not the store`);
    }

    /**
     * Its options (`grouped`) change nothing here: each PostgreSQL transaction commits on its own, and many commit in
     * parallel over the pool. SQLite groups commits because its single writer's COMMIT is its bottleneck.
     */
    async transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.attempt(body);
            } catch (error) {
                if (!isRetryableConflict(error)) throw error;
                if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
                    // Rolled back every time: nothing was changed, and the caller may well get through a moment later.
                    throw new ServiceError('unavailable', 'STORE_BUSY', 'the database is too busy with conflicting changes right now; nothing was changed, try again');
                }
                // Random, so two transactions that deadlocked do not meet again in step; growing, so a hot row gets air.
                await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** (attempt + 1)));
            }
        }
    }

    async close(): Promise<void> {
        await this.pool.end();
    }

    private async outsideTransaction<T>(text: string, params: SqlParam[]): Promise<QueryResult<T & object>> {
        const statement = this.statement(text, params);
        try {
            return await this.pool.query<T & object>(statement);
        } catch (error) {
            throw isConnectionFailure(error) ? new ServiceError('unavailable', STORE_UNAVAILABLE, NOTHING_CHANGED) : error;
        }
    }

    /** One run of a transaction: BEGIN, the body, COMMIT; ROLLBACK if anything throws. */
    private async attempt<T>(body: (tx: Sql) => Promise<T>): Promise<T> {
        let client: PoolClient;
        try {
            client = await this.pool.connect();
        } catch (error) {
            throw isConnectionFailure(error) ? new ServiceError('unavailable', STORE_UNAVAILABLE, NOTHING_CHANGED) : error;
        }
        // A checked-out client is no longer watched by the pool: if its connection died while the body awaited
        // something else, the client's 'error' event would go unheard and crash the process. Heard here, the
        // failure reaches the body through its next statement instead.
        let broken: Error | undefined;
        const onError = (error: Error) => (broken = error);
        client.on('error', onError);
        const scope: TransactionScope = { open: true };
        let committing = false;
        try {
            await client.query('BEGIN');
            const value = await body(this.handle(client, scope));
            committing = true;
            await client.query('COMMIT');
            return value;
        } catch (error) {
            // After a failed COMMIT the server has already ended the transaction; ROLLBACK then only warns.
            await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
            if (!isConnectionFailure(error)) throw error;
            broken ??= error as Error;
            throw new ServiceError('unavailable', STORE_UNAVAILABLE, committing ? LOST_WHILE_COMMITTING : NOTHING_CHANGED);
        } finally {
            scope.open = false;
            client.off('error', onError);
            // A broken connection goes back with its error, so the pool closes it instead of lending it again.
            client.release(broken);
        }
    }

    /** What a transaction body uses: statements on the transaction's own connection, refused once it has ended. */
    private handle(client: PoolClient, scope: TransactionScope): Sql {
        const query = <T>(text: string, params: SqlParam[]): Promise<QueryResult<T & object>> => {
            if (!scope.open) return Promise.reject(new Error('this transaction has ended; its handle can no longer be used'));
            return client.query<T & object>(this.statement(text, params));
        };
        return {
            dialect: 'postgres',
            forUpdate: FOR_UPDATE,
            one: async <T>(text: string, ...params: SqlParam[]) => (await query<T>(text, params)).rows[0],
            all: async <T>(text: string, ...params: SqlParam[]) => (await query<T>(text, params)).rows,
            run: async (text: string, ...params: SqlParam[]) => (await query(text, params)).rowCount ?? 0,
            lock: async (name: string) => {
                await query('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [name]);
            },
        };
    }

    private statement(sql: string, params: SqlParam[]): QueryConfig {
        let numbered = this.numbered.get(sql);
        if (!numbered) {
            // Named, so each connection parses and plans a text once and then only binds and runs it: most of what
            // PostgreSQL spent per statement under bench:cluster was parsing and planning the same few texts again.
            numbered = { ...numberPlaceholders(sql), name: `gstd_${this.numbered.size + 1}` };
            this.numbered.set(sql, numbered);
        }
        if (params.length !== numbered.placeholders) {
            throw new Error(`the statement takes ${numbered.placeholders} parameters, ${params.length} given: ${sql}`);
        }
        // pg writes a bigint with toString() too; converting here keeps that from resting on a driver detail.
        return { name: numbered.name, text: numbered.text, values: params.map((param) => (typeof param === 'bigint' ? param.toString() : param)) };
    }
}
