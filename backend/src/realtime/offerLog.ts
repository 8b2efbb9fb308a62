// The log of offers made: dispatching a queue entry records it here once, and devices that missed the live frame
// replay it from a cursor (the sequence number), filtered exactly like live offers.
import { Db } from '../store/database';
import { sql } from '../store/statements';

export interface LoggedOffer {
    seq: number;
    taskId: string;
}

/** Records the offer of `entryId`; returns it, and whether this call recorded it (false: dispatched before). */
export function recordOffer(db: Db, entryId: string, taskId: string, nowMs: number): { offer: LoggedOffer; fresh: boolean } {
    const inserted = sql(db, 'INSERT OR IGNORE INTO offers (entry_id, task_id, created_at) VALUES (?, ?, ?)').run(entryId, taskId, nowMs);
    if (inserted.changes === 1) return { offer: { seq: Number(inserted.lastInsertRowid), taskId }, fresh: true };
    const row = sql(db, 'SELECT seq, task_id FROM offers WHERE entry_id = ?').get(entryId) as { seq: number; task_id: string };
    return { offer: { seq: row.seq, taskId: row.task_id }, fresh: false };
}

/** Offers after `since` whose task is still open, oldest first, at most `limit`. */
export function offersSince(db: Db, since: number, limit: number): LoggedOffer[] {
    const rows = sql(
        db,
        `SELECT o.seq, o.task_id FROM offers o JOIN tasks t ON t.id = o.task_id
         WHERE o.seq > ? AND t.status = 'open' ORDER BY o.seq LIMIT ?`,
    ).all(since, limit) as Array<{ seq: number; task_id: string }>;
    return rows.map((r) => ({ seq: r.seq, taskId: r.task_id }));
}

export function lastOfferSeq(db: Db): number {
    return (sql(db, 'SELECT COALESCE(MAX(seq), 0) AS seq FROM offers').get() as { seq: number }).seq;
}
