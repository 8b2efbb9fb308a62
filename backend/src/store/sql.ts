// The one interface the service's repositories speak, whichever database is behind it: SQL text that SQLite and
// PostgreSQL both accept, `?` placeholders, and answers as promises. SQLite (the embedded default) answers from
// cached prepared statements at once; PostgreSQL (DATABASE_URL) answers over the network. Two things differ and are
// named here instead of hidden: how a transaction keeps others out of the rows it reads (`forUpdate`, `lock`), and
// which dialect runs (for the rare query that needs its own text).

/** What a parameter may be: booleans are written as 1/0, money as decimal strings, bytes as Buffers. */
export type SqlParam = string | number | bigint | null | Buffer;

export type Dialect = 'sqlite' | 'postgres';

export interface Sql {
    readonly dialect: Dialect;
    /** The first row, or undefined. */
    one<T>(text: string, ...params: SqlParam[]): Promise<T | undefined>;
    all<T>(text: string, ...params: SqlParam[]): Promise<T[]>;
    /** Runs a write; resolves with the number of rows it changed. */
    run(text: string, ...params: SqlParam[]): Promise<number>;
    /**
     * Appended to a SELECT inside a transaction that will write what it read: ' FOR NO KEY UPDATE' on PostgreSQL, so a
     * second node reading the same row waits for this transaction to end; '' on SQLite, whose write transactions
     * already exclude each other.
     */
    readonly forUpdate: string;
    /**
     * Holds the named lock until the transaction ends (a PostgreSQL advisory lock), for rules that span rows no
     * single row lock covers (a wallet's device count, one spot check per identity). SQLite: nothing to do.
     */
    lock(name: string): Promise<void>;
}

export interface TransactionOptions {
    /**
     * May share its COMMIT with other grouped transactions (SQLite's group commit, for the hot writes); each still
     * succeeds or fails alone. PostgreSQL commits every transaction on its own.
     */
    grouped?: boolean;
}

export interface Store extends Sql {
    /**
     * Runs `body` in a transaction and commits it; rolls back and rethrows if it throws. On PostgreSQL a body that
     * loses a deadlock or a serialisation conflict runs again from the start, so it must do nothing but use `tx`:
     * never the store itself, and never another transaction (on SQLite either would wait for this one to end).
     */
    transaction<T>(body: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
    close(): Promise<void>;
}

/** `?, ?, ?` for a list of `count` values (count ≥ 1): `IN (…)` reads the same in both dialects. */
export function placeholders(count: number): string {
    if (count < 1) throw new Error('an IN list needs at least one value');
    return Array.from({ length: count }, () => '?').join(', ');
}
