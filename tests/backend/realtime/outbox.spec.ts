// Task openings reach the queue through the outbox: written with the opening, published after commit, removed
// once the queue holds them, and offered once even when published twice.
import { OutboxRelay } from '../../../backend/src/queue/outboxRelay';
import { TaskQueue } from '../../../backend/src/queue/taskQueue';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { waitUntil } from '../queue/waitUntil';

describe('queue outbox', () => {
    let f: ServiceFixture;
    beforeEach(async () => (f = await serviceFixture()));
    afterEach(async () => f.close());

    const outboxRows = () => f.ctx.store.all<{ task_id: string }>('SELECT task_id FROM queue_outbox');
    const offersOf = (taskId: string) => f.ctx.store.all<{ entry_id: string }>('SELECT entry_id FROM offers WHERE task_id = ? ORDER BY seq', taskId);

    it('an opening is relayed to the queue, offered once, and leaves the outbox empty', async () => {
        const task = await f.openTask();
        await waitUntil(async () => (await outboxRows()).length === 0 && (await offersOf(task.task_id)).length === 1, 'the opening is offered');
        expect((await offersOf(task.task_id))[0].entry_id).toMatch(/^outbox-\d+$/);
    });

    it('a row published twice (a crash before its deletion) is offered once', async () => {
        const task = await f.openTask();
        await waitUntil(async () => (await offersOf(task.task_id)).length === 1, 'the first opening is offered');
        // The crash: the row was published, then the process died before deleting it.
        const { id: lastInsertRowid } = (await f.ctx.store.one<{ id: number }>('INSERT INTO queue_outbox (task_id, created_at) VALUES (?, 0) RETURNING id', task.task_id))!;
        await f.queue.publish(task.task_id, `outbox-${lastInsertRowid}`);
        await new OutboxRelay(f.ctx.store, f.queue, (err) => { throw err; }).relay();
        await waitUntil(async () => (await outboxRows()).length === 0 && (await offersOf(task.task_id)).length === 2, 'the second opening is offered');
        expect((await offersOf(task.task_id)).map((o) => o.entry_id)).toEqual([expect.any(String), `outbox-${lastInsertRowid}`]);
    });

    it('a failed publish keeps the row for the next round', async () => {
        const task = await f.openTask();
        await waitUntil(async () => (await outboxRows()).length === 0, 'the outbox drains');
        await f.ctx.store.run('INSERT INTO queue_outbox (task_id, created_at) VALUES (?, 0)', task.task_id);
        const errors: unknown[] = [];
        const down: TaskQueue = {
            publish: async () => Promise.reject(new Error('redis is down')),
            start: () => undefined,
            close: async () => undefined,
            depth: async () => ({ waiting: 0, pending: 0, deadLetters: 0 }),
            ready: async () => Promise.reject(new Error('redis is down')),
        };
        await new OutboxRelay(f.ctx.store, down, (err) => errors.push(err)).relay();
        expect((await outboxRows())).toEqual([{ task_id: task.task_id }]);
        expect(String(errors[0])).toContain('redis is down');
        await new OutboxRelay(f.ctx.store, f.queue, (err) => errors.push(err)).relay();
        expect((await outboxRows())).toEqual([]);
    });
});
