// Group commit: writes that arrive in the same turn of the event loop share one transaction. Each still runs in
// its own savepoint (better-sqlite3 nests `db.transaction` that way), so a refused write rolls back alone, and
// every caller hears back only after the shared COMMIT: an acknowledged write is a committed write. One commit
// per batch instead of one per request is most of what a busy service spends on SQLite.
import { Db } from './database';

interface PendingWrite {
    write: () => unknown;
    resolve: (value: unknown) => void;
    reject: (reason: unknown) => void;
}

/** Most writes one batch takes; more wait for the next. Bounds how long one batch holds the event loop. */
export const MAX_GROUP_SIZE = 256;

export class GroupCommit {
    private pending: PendingWrite[] = [];
    private scheduled = false;

    constructor(private readonly db: Db) {}

    /** Runs `write` (synchronous, using the db) in the next batch; resolves with its value once committed. */
    run<T>(write: () => T): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
            if (!this.scheduled) {
                this.scheduled = true;
                setImmediate(() => this.flush());
            }
        });
    }

    private flush(): void {
        const batch = this.pending.splice(0, MAX_GROUP_SIZE);
        this.scheduled = this.pending.length > 0;
        if (this.scheduled) setImmediate(() => this.flush());
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        try {
            this.db.exec('BEGIN IMMEDIATE');
            for (const { write } of batch) {
                try {
                    outcomes.push({ ok: true, value: this.db.transaction(write)() });
                } catch (error) {
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
}
