import { RedisStreamsQueue } from '../../../backend/src/queue/redisStreamsQueue';
import { trimStream } from '../../../backend/src/queue/streamTrimming';
import { QueueEntry } from '../../../backend/src/queue/taskQueue';
import { recordingHandler } from './queueBehaviour';
import { fastQueue, freshKeys, idsIn, outstandingEntries, pendingEntries, useRedisServer } from './redisQueueFixture';
import { waitUntil } from './waitUntil';

const MAX_LENGTH = 20;
const TRIM_INTERVAL_MS = 100;

describe('trimming the task stream', () => {
    const redis = useRedisServer();

    beforeAll(async () => {
        // `~` trims whole internal nodes only, 100 entries each by default; nodes of 10 show it with a few dozen.
        await redis.admin().config('SET', 'stream-node-max-entries', '10');
    });

    let queues: RedisStreamsQueue[] = [];
    let releaseHeld = () => {};
    afterEach(async () => {
        releaseHeld();
        await Promise.all(queues.map((q) => q.close()));
        queues = [];
    });

    function trimmingQueue(keys: ReturnType<typeof freshKeys>, options: Parameters<typeof fastQueue>[2]): RedisStreamsQueue {
        const queue = fastQueue(redis.url(), keys, { maxLength: MAX_LENGTH, trimIntervalMs: TRIM_INTERVAL_MS, ...options });
        queues.push(queue);
        return queue;
    }

    it('never drops pending or undelivered entries, drops acknowledged ones, and trims to the maximum once all are done', async () => {
        const admin = redis.admin();
        const keys = freshKeys();
        const ids: string[] = [];
        for (let i = 0; i < 100; i++) ids.push((await admin.xadd(keys.stream, '*', 'task_id', `task-${i}`))!);
        const entry = (id: string, deliveries: number): QueueEntry => ({ id, taskId: `task-${ids.indexOf(id)}`, dispatchKey: id, deliveries });

        // A acknowledges ids 0-59 and 65-69 and holds 60-64 pending; that holds up its batch of ten, so it reads no
        // further and 70-99 stay undelivered.
        const held = new Promise<void>((resolve) => (releaseHeld = resolve));
        const a = trimmingQueue(keys, { consumer: 'A', batchSize: 10, reclaimIdleMs: 3_600_000 });
        a.start(async (e) => {
            const position = ids.indexOf(e.id);
            if (position >= 60 && position < 65) await held;
        });
        await waitUntil(
            async () => (await pendingEntries(admin, keys)).length === 5 && (await outstandingEntries(admin, keys)) === 35,
            'A holds 5 entries pending and 30 are undelivered',
        );
        await waitUntil(async () => (await admin.xlen(keys.stream)) <= 40, 'the acknowledged entries before the held ones are trimmed');
        // Entries 65-69 share an internal node with the pending 60-64, and `~` keeps whole nodes.
        expect(await idsIn(admin, keys.stream)).toEqual(ids.slice(60));

        // What was kept can still be claimed (60-64, from A) and read (70-99), by another consumer.
        const { calls, handler } = recordingHandler();
        const b = trimmingQueue(keys, { consumer: 'B' });
        b.start(handler);
        await waitUntil(async () => (await outstandingEntries(admin, keys)) === 0, 'B has dispatched and acknowledged all of them');
        const byId = (x: QueueEntry, y: QueueEntry) => x.id.localeCompare(y.id);
        expect([...calls].sort(byId)).toEqual(
            [...ids.slice(60, 65).map((id) => entry(id, 2)), ...ids.slice(70).map((id) => entry(id, 1))].sort(byId),
        );

        // Everything acknowledged: now the stream comes down to the maximum length, newest entries kept.
        await waitUntil(async () => (await admin.xlen(keys.stream)) <= MAX_LENGTH, `the stream is down to ${MAX_LENGTH} entries`);
        expect(await idsIn(admin, keys.stream)).toEqual(ids.slice(100 - MAX_LENGTH));
    });

    it('keeps every entry that any group of the stream has yet to read', async () => {
        const admin = redis.admin();
        const keys = freshKeys();
        for (let i = 0; i < 30; i++) await admin.xadd(keys.stream, '*', 'task_id', `task-${i}`);
        expect(await trimStream(admin, keys.stream, 5)).toBe(0);

        await admin.xgroup('CREATE', keys.stream, keys.group, '0');
        await admin.xgroup('CREATE', keys.stream, 'another-group', '0');
        await admin.xreadgroup('GROUP', keys.group, 'reader', 'COUNT', 100, 'STREAMS', keys.stream, '>');
        await admin.xack(keys.stream, keys.group, ...(await idsIn(admin, keys.stream)));
        expect(await trimStream(admin, keys.stream, 5)).toBe(0);
        expect(await admin.xlen(keys.stream)).toBe(30);

        await admin.xgroup('DESTROY', keys.stream, 'another-group');
        expect(await trimStream(admin, keys.stream, 5)).toBeGreaterThan(0);
        expect(await admin.xlen(keys.stream)).toBeLessThanOrEqual(10);
    });
});
