// The PostgreSQL schema and its migrator: applied on an empty database, a no-op when run again, safe with several
// nodes starting at once, and the same schema as SQLite's after its migrations (tables, columns, keys, unique
// constraints, foreign keys, indexes), so a column added to one store and not the other fails here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { Db, openDatabase } from '../../../backend/src/store/database';
import { migratePostgres } from '../../../backend/src/store/postgres/migrate';
import { POSTGRES_MIGRATIONS } from '../../../backend/src/store/postgres/migrations';
import { PostgresServer, startPostgres } from '../../helpers/postgresServer';

/** Per table: columns as "name NULL|NOT NULL", the primary key, unique constraints, foreign keys, other indexes. */
type Schema = Record<string, { columns: string[]; primaryKey: string[]; unique: string[]; foreignKeys: string[]; indexes: string[] }>;

const cols = (names: string[]) => `(${names.join(', ')})`;

function sqliteSchema(db: Db): Schema {
    const schema: Schema = {};
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    for (const table of tables) {
        const info = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; notnull: number; pk: number }>;
        const indexList = db.prepare(`PRAGMA index_list(${table})`).all() as Array<{ name: string; unique: number; origin: string }>;
        const indexColumns = (index: string) =>
            (db.prepare(`PRAGMA index_info(${index})`).all() as Array<{ seqno: number; name: string }>)
                .sort((a, b) => a.seqno - b.seqno)
                .map((c) => c.name);
        const foreign = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as Array<{ id: number; seq: number; table: string; from: string; to: string }>;
        const foreignIds = [...new Set(foreign.map((f) => f.id))];
        schema[table] = {
            // SQLite lets a non-integer primary key column hold NULL (a legacy quirk the code never relies on);
            // PostgreSQL never does, so key columns count as NOT NULL.
            columns: info.map((c) => `${c.name} ${c.notnull || c.pk ? 'NOT NULL' : 'NULL'}`).sort(),
            primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
            unique: indexList.filter((i) => i.origin === 'u').map((i) => cols(indexColumns(i.name))).sort(),
            foreignKeys: foreignIds
                .map((id) => {
                    const parts = foreign.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
                    return `${cols(parts.map((p) => p.from))} -> ${parts[0].table}${cols(parts.map((p) => p.to))}`;
                })
                .sort(),
            indexes: indexList
                .filter((i) => i.origin === 'c')
                .map((i) => `${i.unique ? 'unique ' : ''}${i.name}${cols(indexColumns(i.name))}`)
                .sort(),
        };
    }
    return schema;
}

async function postgresSchema(client: Client): Promise<Schema> {
    const schema: Schema = {};
    const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    for (const { table_name } of tables.rows) {
        schema[table_name] = { columns: [], primaryKey: [], unique: [], foreignKeys: [], indexes: [] };
    }
    const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
    );
    for (const c of columns.rows) {
        schema[c.table_name].columns.push(`${c.column_name} ${c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`);
    }
    const attributes = (relation: string, keys: string) =>
        `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.n)`;
    const constraints = await client.query<{ table_name: string; contype: string; columns: string[]; ref_table: string; ref_columns: string[] }>(
        `SELECT c.conrelid::regclass::text AS table_name, c.contype, ${attributes('c.conrelid', 'c.conkey')} AS columns,
                c.confrelid::regclass::text AS ref_table, ${attributes('c.confrelid', 'c.confkey')} AS ref_columns
           FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
          WHERE ns.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`,
    );
    for (const c of constraints.rows) {
        const table = schema[c.table_name];
        if (c.contype === 'p') table.primaryKey = c.columns;
        if (c.contype === 'u') table.unique.push(cols(c.columns));
        if (c.contype === 'f') table.foreignKeys.push(`${cols(c.columns)} -> ${c.ref_table}${cols(c.ref_columns)}`);
    }
    // Indexes of their own: not the ones PostgreSQL builds for a primary key or unique constraint.
    const indexes = await client.query<{ table_name: string; name: string; unique: boolean; columns: string[] }>(
        `SELECT i.indrelid::regclass::text AS table_name, ic.relname AS name, i.indisunique AS unique,
                ${attributes('i.indrelid', 'i.indkey::int2[]')} AS columns
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace ns ON ns.oid = ic.relnamespace
          WHERE ns.nspname = 'public'
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u'))`,
    );
    for (const i of indexes.rows) schema[i.table_name].indexes.push(`${i.unique ? 'unique ' : ''}${i.name}${cols(i.columns)}`);
    for (const table of Object.values(schema)) {
        table.columns.sort();
        table.unique.sort();
        table.foreignKeys.sort();
        table.indexes.sort();
    }
    return schema;
}

// PostgreSQL types for SQLite's declared ones; the columns named here are the deliberate exceptions.
const TYPE_FOR: Record<string, string[]> = {
    INTEGER: ['integer', 'bigint'],
    TEXT: ['text'],
    REAL: ['double precision'],
    BLOB: ['bytea'],
};
const TYPE_EXCEPTIONS: Record<string, string> = {
    'tasks.budget': 'numeric(39,0)',
    'tasks.reward': 'numeric(39,0)',
    'payout_intents.amount': 'numeric(39,0)',
    'claims_paid.amount': 'numeric(39,0)',
    'claims_paid.lt': 'numeric(20,0)',
    'tasks.funding_id': 'numeric(20,0)',
    'results.late': 'boolean',
};

type Refusal = 'unique' | 'check' | 'foreign key';

function sqliteRefusal(error: unknown): Refusal | string {
    const code = (error as { code?: string }).code ?? String(error);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
    if (code === 'SQLITE_CONSTRAINT_CHECK') return 'check';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign key';
    return code;
}

function postgresRefusal(error: unknown): Refusal | string {
    const code = (error as { code?: string }).code ?? String(error);
    return ({ '23505': 'unique', '23514': 'check', '23503': 'foreign key' } as Record<string, Refusal>)[code] ?? code;
}

// Statements written with `?` run on both stores; PostgreSQL numbers its parameters.
const numbered = (statement: string) => {
    let n = 0;
    return statement.replace(/\?/g, () => `$${++n}`);
};

/** A statement written with `?` for its parameters, and their values. */
type Statement = [string, unknown[]];

const FIXTURE: Statement[] = [
    [
        `INSERT INTO devices (id, wallet, name, capabilities, accuracy_alpha, accuracy_beta, stability, created_at)
         VALUES (?, ?, ?, '[]', 1, 1, 0.5, 0)`,
        ['device-a', '0:aa', 'a'],
    ],
    [
        `INSERT INTO devices (id, wallet, name, capabilities, accuracy_alpha, accuracy_beta, stability, created_at)
         VALUES (?, ?, ?, '[]', 1, 1, 0.5, 0)`,
        ['device-b', '0:aa', 'b'],
    ],
    [
        `INSERT INTO tasks (id, requester, operation, input, budget, reward, redundancy, max_results, slots_open,
                            min_trust_score, deadline, slot_timeout_seconds, status, escrow, created_at, updated_at)
         VALUES (?, '0:11', 'sum', '{}', ?, ?, 2, 2, 2, 0, 0, 60, 'open', '0:ee', 0, 0)`,
        ['7', '9999999999999999999', '4999999999999999999'],
    ],
    [
        `INSERT INTO assignments (task_id, device_id, wallet, status, assigned_at_ms, expires_at_ms)
         VALUES ('7', 'device-a', '0:aa', 'active', 0, 1)`,
        [],
    ],
    [
        `INSERT INTO results (task_id, device_id, wallet, result_hash, output, turnaround_ms, received_at_ms)
         VALUES ('7', 'device-a', '0:aa', 'h', '1', 5, 10)`,
        [],
    ],
    [
        `INSERT INTO payout_intents (task_id, executor, amount, valid_until, payload_comment, created_at)
         VALUES ('7', '0:aa', '4999999999999999999', 100, 'c', 0)`,
        [],
    ],
    ["INSERT INTO offers (entry_id, task_id, created_at) VALUES ('entry-1', '7', 0)", []],
];

describe('the PostgreSQL schema', () => {
    let postgres: PostgresServer;
    let admin: Client;
    let sqliteDir: string;
    let sqlite: Db;
    let databases = 0;

    beforeAll(async () => {
        postgres = await startPostgres();
        admin = new Client({ connectionString: postgres.url });
        await admin.connect();
        sqliteDir = mkdtempSync(join(tmpdir(), 'gstd-schema-'));
        sqlite = openDatabase(join(sqliteDir, 'gstd.sqlite'));
    });
    afterAll(async () => {
        sqlite?.close();
        if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
        await admin?.end();
        await postgres?.stop();
    });

    /** An empty database of its own on the suite's server. */
    async function freshDatabase(): Promise<string> {
        const name = `schema_${++databases}`;
        await admin.query(`CREATE DATABASE ${name}`);
        return postgres.url.replace(/\/[^/]+$/, `/${name}`);
    }

    async function withPool<T>(url: string, use: (pool: Pool) => Promise<T>): Promise<T> {
        const pool = new Pool({ connectionString: url, max: 2 });
        try {
            return await use(pool);
        } finally {
            await pool.end();
        }
    }

    async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
            return await use(client);
        } finally {
            await client.end();
        }
    }

    const versionsOf = (url: string) =>
        withClient(url, async (client) => (await client.query('SELECT version, applied_at FROM schema_migrations ORDER BY version')).rows);

    async function migratedDatabase(): Promise<string> {
        const url = await freshDatabase();
        await withPool(url, migratePostgres);
        return url;
    }

    /** Runs the statements in a transaction rolled back afterwards: 'accepted', or the kind of refusal. */
    function outcomeOnSqlite(statements: Statement[]): string {
        sqlite.exec('BEGIN');
        try {
            for (const [statement, params] of statements) sqlite.prepare(statement).run(...params);
            return 'accepted';
        } catch (error) {
            return sqliteRefusal(error);
        } finally {
            sqlite.exec('ROLLBACK');
        }
    }

    function outcomeOnPostgres(url: string, statements: Statement[]): Promise<string> {
        return withClient(url, async (client) => {
            await client.query('BEGIN');
            try {
                for (const [statement, params] of statements) await client.query(numbered(statement), params);
                return 'accepted';
            } catch (error) {
                return postgresRefusal(error);
            } finally {
                await client.query('ROLLBACK');
            }
        });
    }

    it('applies every migration to an empty database and records each version', async () => {
        const url = await freshDatabase();

        expect(await withPool(url, migratePostgres)).toBe(POSTGRES_MIGRATIONS.length);

        const versions = await versionsOf(url);
        expect(versions.map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    });

    it('does nothing when run again: same versions, same schema', async () => {
        const url = await migratedDatabase();
        const versions = await versionsOf(url);
        const schema = await withClient(url, postgresSchema);

        expect(await withPool(url, migratePostgres)).toBe(POSTGRES_MIGRATIONS.length);

        expect(await versionsOf(url)).toEqual(versions);
        expect(await withClient(url, postgresSchema)).toEqual(schema);
    });

    it('lets nodes starting at once end with one applied set and no error', async () => {
        const url = await freshDatabase();
        const pools = [1, 2, 3, 4].map(() => new Pool({ connectionString: url, max: 1 }));
        try {
            const versions = await Promise.all(pools.map((pool) => migratePostgres(pool)));
            expect(versions).toEqual(pools.map(() => POSTGRES_MIGRATIONS.length));
        } finally {
            await Promise.all(pools.map((pool) => pool.end()));
        }
        expect((await versionsOf(url)).map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    });

    it('applies only a migration appended later, and a service that does not know it refuses the database', async () => {
        const url = await migratedDatabase();
        const appended = [...POSTGRES_MIGRATIONS, 'CREATE TABLE appended_later (note TEXT)'];

        expect(await withPool(url, (pool) => migratePostgres(pool, appended))).toBe(appended.length);

        expect((await versionsOf(url)).map((v) => v.version)).toEqual(appended.map((_, i) => i + 1));
        await expect(withPool(url, migratePostgres)).rejects.toThrow(/newer than this service knows/);
    });

    it('rolls a failing migration back whole: no version row, none of its tables', async () => {
        const url = await migratedDatabase();
        const failing = [...POSTGRES_MIGRATIONS, 'CREATE TABLE half_done (note TEXT); SELECT 1 / 0'];

        await expect(withPool(url, (pool) => migratePostgres(pool, failing))).rejects.toThrow(/division by zero/);

        expect((await versionsOf(url)).map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
        const table = await withClient(url, (client) => client.query("SELECT to_regclass('half_done') AS t"));
        expect(table.rows).toEqual([{ t: null }]);
    });

    describe('next to SQLite', () => {
        let url: string;
        beforeAll(async () => {
            url = await migratedDatabase();
        });

        it('has the same tables, columns and nullability, keys, unique constraints, foreign keys and indexes', async () => {
            const expected = sqliteSchema(sqlite);
            expect(Object.keys(expected).length).toBeGreaterThan(10);

            expect(await withClient(url, postgresSchema)).toEqual(expected);
        });

        it("gives each column the type SQLite's declared type maps to; money and logical times are exact numerics", async () => {
            const declared: Record<string, string> = {};
            for (const table of Object.keys(sqliteSchema(sqlite))) {
                for (const c of sqlite.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string }>) {
                    declared[`${table}.${c.name}`] = c.type;
                }
            }
            const columns = await withClient(url, (client) =>
                client.query<{ name: string; type: string; collation: string | null }>(
                    `SELECT table_name || '.' || column_name AS name, collation_name AS collation,
                            CASE WHEN data_type = 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale)
                                 ELSE data_type END AS type
                       FROM information_schema.columns WHERE table_schema = 'public'`,
                ),
            );

            const mismatched = columns.rows.filter((c) => {
                const exception = TYPE_EXCEPTIONS[c.name];
                return exception ? c.type !== exception : !(TYPE_FOR[declared[c.name]] ?? []).includes(c.type);
            });
            expect(mismatched).toEqual([]);
            // Text sorts by bytes, as SQLite's BINARY collation does, whatever the database's locale.
            expect(columns.rows.filter((c) => c.type === 'text' && c.collation !== 'C')).toEqual([]);
        });

        it('stores budgets above 2^63 exactly and reads them back as the decimal string SQLite holds', async () => {
            const budget = '9999999999999999999';
            const coinsMax = (2n ** 120n - 1n).toString();
            const rows = await withClient(url, async (client) => {
                await client.query('BEGIN');
                try {
                    for (const [statement, params] of FIXTURE.slice(0, 3)) await client.query(numbered(statement), params);
                    await client.query('UPDATE tasks SET reward = $1 WHERE id = $2', [coinsMax, '7']);
                    return (await client.query("SELECT budget, reward FROM tasks WHERE id = '7'")).rows;
                } finally {
                    await client.query('ROLLBACK');
                }
            });
            expect(rows).toEqual([{ budget, reward: coinsMax }]);
        });

        // Each case: both stores get the fixture, then the statement.
        const refusedByBoth: Array<[string, Refusal, string]> = [
            [
                'a second slot of the same task for the same wallet',
                'unique',
                `INSERT INTO assignments (task_id, device_id, wallet, status, assigned_at_ms, expires_at_ms)
                 VALUES ('7', 'device-b', '0:aa', 'active', 0, 1)`,
            ],
            [
                'a second result for the same slot',
                'unique',
                `INSERT INTO results (task_id, device_id, wallet, result_hash, output, turnaround_ms, received_at_ms)
                 VALUES ('7', 'device-a', '0:aa', 'other', '2', 5, 11)`,
            ],
            [
                'a second payout intent for the same task and executor',
                'unique',
                `INSERT INTO payout_intents (task_id, executor, amount, valid_until, payload_comment, created_at)
                 VALUES ('7', '0:aa', '1', 200, 'd', 1)`,
            ],
            ['a queue entry dispatched twice', 'unique', "INSERT INTO offers (entry_id, task_id, created_at) VALUES ('entry-1', '7', 1)"],
            [
                'an assignment status outside the list',
                'check',
                `INSERT INTO assignments (task_id, device_id, wallet, status, assigned_at_ms, expires_at_ms)
                 VALUES ('7', 'device-b', '0:bb', 'lost', 0, 1)`,
            ],
            [
                'a result for a task that does not exist',
                'foreign key',
                `INSERT INTO results (task_id, device_id, wallet, result_hash, output, turnaround_ms, received_at_ms)
                 VALUES ('8', 'device-a', '0:aa', 'h', '1', 5, 10)`,
            ],
        ];

        it.each(refusedByBoth)('refuses %s on both stores (%s)', async (_, refusal, statement) => {
            const statements: Statement[] = [...FIXTURE, [statement, []]];
            const outcomes = { sqlite: outcomeOnSqlite(statements), postgres: await outcomeOnPostgres(url, statements) };
            expect(outcomes).toEqual({ sqlite: refusal, postgres: refusal });
        });

        it('refuses the same spot check without a module twice, which only the single writer prevents on SQLite', async () => {
            const insert = "INSERT INTO spot_checks (operation, input, expected_hash, created_at) VALUES ('sum', '[1,2]', 'h', 0)";
            const outcome = await outcomeOnPostgres(url, [[insert, []], [insert, []]]);
            expect(outcome).toBe('unique');
        });
    });
});
