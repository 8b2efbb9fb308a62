// The embedded store: one better-sqlite3 connection behind the async Store interface. Statements run at once from
// a cache of prepared statements; only transactions wait, one at a time, because one connection cannot hold two.
//
// Grouped transactions (the hot writes) that arrive in the same turn of the event loop share one BEGIN IMMEDIATE …
// COMMIT, each inside its own savepoint, so a refused write rolls back alone and every caller hears back only after
// the shared COMMIT: an acknowledged write is a committed write. One commit per batch instead of one per request is
// most of what a busy service spends on SQLite.
import { Statement } from 'better-sqlite3';
import { Db, openDatabase } from './database';
import { Sql, SqlParam, Store, TransactionOptions } from './sql';

/** Most grouped transactions one batch takes; more wait for the next. Bounds how long one batch holds the store. */
export const MAX_GROUP_SIZE = 256;

interface PendingTransaction {
    body: (tx: Sql) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (reason: unknown) => void;
}

export class SqliteStore implements Store {
    readonly dialect = 'sqlite' as const;
    readonly forUpdate = '';
    private readonly statements = new Map<string, Statement>();
    /** The end of the line of transactions: each starts when the one before has committed or rolled back. */
    private tail: Promise<void> = Promise.resolve();
    private grouped: PendingTransaction[] = [];
    private groupScheduled = false;

    constructor(readonly db: Db) {}

    static open(path: string): SqliteStore {
        return new SqliteStore(openDatabase(path));
    }

    async one<T>(text: string, ...params: SqlParam[]): Promise<T | undefined> {
        await this.outsideTransactions();
        return this.statement(text).get(...params) as T | undefined;
    }

    async all<T>(text: string, ...params: SqlParam[]): Promise<T[]> {
        await this.outsideTransactions();
        return this.statement(text).all(...params) as T[];
    }

    async run(text: string, ...params: SqlParam[]): Promise<number> {
        await this.outsideTransactions();
        return this.statement(text).run(...params).changes;
    }

    async lock(): Promise<void> {
        // Nothing to lock: SQLite's write transactions already exclude each other.
    }

    transaction<T>(body: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            const pending = { body, resolve: resolve as (value: unknown) => void, reject };
            if (!options.grouped) {
                this.enqueue(() => this.commitBatch([pending]));
                return;
            }
            this.grouped.push(pending);
            if (!this.groupScheduled) {
                this.groupScheduled = true;
                setImmediate(() => this.takeGroup());
            }
        });
    }

    async close(): Promise<void> {
        await this.tail;
        this.db.close();
    }

    /** A cached prepared statement: preparing costs more than running on hot paths. */
    private statement(text: string): Statement {
        let statement = this.statements.get(text);
        if (!statement) {
            statement = this.db.prepare(text);
            this.statements.set(text, statement);
        }
        return statement;
    }

    /**
     * A read or write outside any transaction waits while one is open, so it never sees uncommitted rows. (So a
     * transaction body must use its handle, never the store: it would wait for itself. Nothing checks that here: an
     * AsyncLocalStorage would, but it turns on promise hooks for the whole process, a cost on every request.)
     */
    private async outsideTransactions(): Promise<void> {
        while (this.db.inTransaction) await this.tail;
    }

    private takeGroup(): void {
        const batch = this.grouped.splice(0, MAX_GROUP_SIZE);
        this.groupScheduled = this.grouped.length > 0;
        if (this.groupScheduled) setImmediate(() => this.takeGroup());
        this.enqueue(() => this.commitBatch(batch));
    }

    private enqueue(work: () => Promise<void>): void {
        this.tail = this.tail.then(work);
    }

    /** Runs each body in its own savepoint of one transaction, commits once, then answers every caller. */
    private async commitBatch(batch: PendingTransaction[]): Promise<void> {
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        const tx = this.handle();
        try {
            this.db.exec('BEGIN IMMEDIATE');
            for (const { body } of batch) {
                this.db.exec('SAVEPOINT write');
                try {
                    const value = await body(tx);
                    this.db.exec('RELEASE write');
                    outcomes.push({ ok: true, value });
                } catch (error) {
                    this.db.exec('ROLLBACK TO write');
                    this.db.exec('RELEASE write');
                    outcomes.push({ ok: false, error });
                }
            }
            this.db.exec('COMMIT');
        } catch (error) {
            // The shared transaction failed (disk full, I/O error): nothing in it is committed.
            if (this.db.inTransaction) this.db.exec('ROLLBACK');
            for (const { reject } of batch) reject(error);
            return;
        }
        batch.forEach(({ resolve, reject }, i) => {
            const outcome = outcomes[i];
            if (outcome.ok) resolve(outcome.value);
            else reject(outcome.error);
        });
    }

    /** What a transaction body uses: the same statements, without waiting on the line it is already at the head of. */
    private handle(): Sql {
        return {
            dialect: 'sqlite',
            forUpdate: '',
            one: async <T>(text: string, ...params: SqlParam[]) => this.statement(text).get(...params) as T | undefined,
            all: async <T>(text: string, ...params: SqlParam[]) => this.statement(text).all(...params) as T[],
            run: async (text: string, ...params: SqlParam[]) => this.statement(text).run(...params).changes,
            lock: async () => undefined,
        };
    }
}
