// Moves task openings from the outbox table to the queue. Each row is published with its own dispatch key, so a
// row published twice (the process died after publishing, before deleting it) is still offered once. That also
// makes the relay safe to run on every node at once: two nodes may publish the same row, and the dispatcher
// records its offer once by that key (realtime/offerLog.ts).
import { Store } from '../store/sql';
import { TaskQueue } from './taskQueue';

/** Rows one relay round takes. */
export const OUTBOX_BATCH = 100;

export class OutboxRelay {
    private running: Promise<void> | null = null;
    private again = false;
    private stopped = false;

    constructor(
        private readonly store: Store,
        private readonly queue: TaskQueue,
        private readonly onError: (err: unknown) => void,
    ) {}

    /** Publishes what the outbox holds; concurrent calls coalesce into one more round. Resolves when drained. */
    relay(): Promise<void> {
        if (this.stopped) return Promise.resolve();
        if (this.running) {
            this.again = true;
            return this.running;
        }
        this.running = this.drain().finally(() => (this.running = null));
        return this.running;
    }

    /** Finishes the round in progress; later calls do nothing (the store is about to close). */
    async stop(): Promise<void> {
        this.stopped = true;
        await this.running;
    }

    /**
     * Never rejects: a queue or a store that fails (Redis or the database down) is reported, and the rows stay for
     * the next round (an opening, or the periodic one).
     */
    private async drain(): Promise<void> {
        try {
            do {
                this.again = false;
                while (!this.stopped) {
                    const rows = await this.store.all<{ id: number; task_id: string }>(
                        'SELECT id, task_id FROM queue_outbox ORDER BY id LIMIT ?',
                        OUTBOX_BATCH,
                    );
                    if (rows.length === 0) break;
                    for (const row of rows) {
                        await this.queue.publish(row.task_id, `outbox-${row.id}`);
                        await this.store.run('DELETE FROM queue_outbox WHERE id = ?', row.id);
                    }
                }
            } while (this.again);
        } catch (err) {
            this.onError(err);
        }
    }
}
