// Prepared statements, compiled once per database and SQL text: preparing costs more than running on hot paths.
import { Statement } from 'better-sqlite3';
import { Db } from './database';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function sql(db: Db, text: string): Statement {
    let statements = cache.get(db);
    if (!statements) {
        statements = new Map();
        cache.set(db, statements);
    }
    let statement = statements.get(text);
    if (!statement) {
        statement = db.prepare(text);
        statements.set(text, statement);
    }
    return statement;
}
