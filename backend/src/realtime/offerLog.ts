// The log of offers made: dispatching a queue entry records it here once, and devices that missed the live frame
// replay it from a cursor (the sequence number), filtered exactly like live offers.
import { Sql, Store } from '../store/sql';

export interface LoggedOffer {
    seq: number;
    taskId: string;
}

/**
 * Records the offer of `entryId`; returns it, and whether this call recorded it (false: dispatched before).
 *
 * Replay reads "every seq above the device's cursor", which is only true if seqs become visible in order. With
 * several nodes, two inserts could commit in the other order than their seqs (a device would skip the lower one
 * for good), so appends take turns under one lock, each committing before the next takes a seq.
 */
export function recordOffer(store: Store, entryId: string, taskId: string, nowMs: number): Promise<{ offer: LoggedOffer; fresh: boolean }> {
    return store.transaction(async (tx) => {
        await tx.lock('offer-log');
        const inserted = await tx.one<{ seq: number }>(
            'INSERT INTO offers (entry_id, task_id, created_at) VALUES (?, ?, ?) ON CONFLICT (entry_id) DO NOTHING RETURNING seq',
            entryId,
            taskId,
            nowMs,
        );
        if (inserted) return { offer: { seq: Number(inserted.seq), taskId }, fresh: true };
        const row = (await tx.one<{ seq: number; task_id: string }>('SELECT seq, task_id FROM offers WHERE entry_id = ?', entryId))!;
        return { offer: { seq: Number(row.seq), taskId: row.task_id }, fresh: false };
    });
}

/** Offers after `since` whose task is still open, oldest first, at most `limit`. */
export async function offersSince(sql: Sql, since: number, limit: number): Promise<LoggedOffer[]> {
    const rows = await sql.all<{ seq: number; task_id: string }>(
        `SELECT o.seq, o.task_id FROM offers o JOIN tasks t ON t.id = o.task_id
         WHERE o.seq > ? AND t.status = 'open' ORDER BY o.seq LIMIT ?`,
        since,
        limit,
    );
    return rows.map((r) => ({ seq: Number(r.seq), taskId: r.task_id }));
}

export async function lastOfferSeq(sql: Sql): Promise<number> {
    return Number((await sql.one<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM offers'))!.seq);
}
