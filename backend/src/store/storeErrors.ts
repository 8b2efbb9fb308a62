// Errors both stores raise that the service reacts to, recognised in either dialect.

/** A unique or primary key refused the row (SQLite SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE, PostgreSQL 23505). */
export function isDuplicateKey(err: unknown): boolean {
    const code = (err as { code?: unknown })?.code;
    return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
