// A digest of every table's rows, so a test can show a refused request left the store exactly as it was.
import { createHash } from 'crypto';
import { Db } from '../../../backend/src/store/database';

export type StoreFingerprint = Record<string, { rows: number; digest: string }>;

/** Per table, its row count and a sha256 of its rows in rowid order; a diff names the table that changed. */
export function storeFingerprint(db: Db): StoreFingerprint {
    // Not the offer log and the outbox: the queue relay and dispatcher write them asynchronously after a task
    // opens, whatever request happens to be running then.
    const tables = db
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('offers', 'queue_outbox') ORDER BY name",
        )
        .pluck()
        .all() as string[];
    const fingerprint: StoreFingerprint = {};
    for (const table of tables) {
        // Blobs serialise through Buffer's toJSON: every byte counts.
        const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all();
        fingerprint[table] = { rows: rows.length, digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
    }
    return fingerprint;
}
