// TaskQueue.depth(): what waits, what is being handled, what was given up on, alike for both queues; and the
// queue gauges /metrics builds from it, which report NaN rather than fail the scrape when the queue does not answer.
import { Registry } from 'prom-client';
import { InProcessQueue } from '../../../backend/src/queue/inProcessQueue';
import { QueueDepth, TaskQueue } from '../../../backend/src/queue/taskQueue';
import { registerServiceMetrics } from '../../../backend/src/metrics/serviceMetrics';
import { fastQueue, freshKeys, useRedisServer } from '../queue/redisQueueFixture';
import { waitUntil } from '../queue/waitUntil';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { parseExposition, valueOf } from './scrape';

function depthBehaviour(open: (deliveryCap: number) => TaskQueue): void {
    let queue: TaskQueue | undefined;
    /** Lets the handlers a test holds finish, so close() (which waits for them) can end. */
    let release = () => {};
    afterEach(async () => {
        release();
        await queue?.close();
    });

    it('entries published before the queue starts wait', async () => {
        queue = open(3);
        await queue.publish('a');
        await queue.publish('b');
        expect(await queue.depth()).toEqual({ waiting: 2, pending: 0, deadLetters: 0 });
    });

    it('entries being handled are pending, and neither once handled', async () => {
        queue = open(3);
        const gate = new Promise<void>((resolve) => (release = resolve));
        // Both published first, so both are delivered at once (the Redis queue reads the next batch only after this one).
        await queue.publish('a');
        await queue.publish('b');
        queue.start(() => gate);
        const q = queue;
        await waitUntil(async () => (await q.depth()).pending === 2, 'both entries are being handled');
        expect(await queue.depth()).toEqual({ waiting: 0, pending: 2, deadLetters: 0 });
        release();
        await waitUntil(async () => (await q.depth()).pending === 0, 'both entries are done');
        expect(await queue.depth()).toEqual({ waiting: 0, pending: 0, deadLetters: 0 });
    });

    it('an entry failing at the delivery cap becomes a dead letter', async () => {
        queue = open(1);
        queue.start(async () => Promise.reject(new Error('handler fails')));
        await queue.publish('a');
        const q = queue;
        await waitUntil(async () => (await q.depth()).deadLetters === 1, 'the entry is dead-lettered');
        expect(await queue.depth()).toEqual({ waiting: 0, pending: 0, deadLetters: 1 });
    });
}

describe('queue depth', () => {
    describe('in process', () => {
        depthBehaviour((deliveryCap) => new InProcessQueue({ deliveryCap, retryDelayMs: 10 }));
    });

    describe('Redis Streams', () => {
        const redis = useRedisServer();
        depthBehaviour((deliveryCap) => fastQueue(redis.url(), freshKeys(), { deliveryCap }));

        it("an entry published while the batch before it is handled waits: the group's lag", async () => {
            const queue = fastQueue(redis.url(), freshKeys());
            let release = () => {};
            const gate = new Promise<void>((resolve) => (release = resolve));
            queue.start(() => gate);
            try {
                await queue.publish('a');
                await waitUntil(async () => (await queue.depth()).pending === 1, 'the first entry is being handled');
                await queue.publish('b');
                expect(await queue.depth()).toEqual({ waiting: 1, pending: 1, deadLetters: 0 });
            } finally {
                release();
                await queue.close();
            }
        });
    });
});

describe('queue gauges', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    async function scrapeWith(queue: Pick<TaskQueue, 'depth'>, warnings: unknown[] = []) {
        const registry = new Registry();
        const log = { warn: (details: object) => void warnings.push(details) };
        registerServiceMetrics(registry, { ctx: f.ctx, hub: { size: 0 }, queue, lastChainRound: () => null, log, queueReadTimeoutMs: 50 });
        return parseExposition(await registry.metrics());
    }

    const gauges = (m: ReturnType<typeof parseExposition>) => ['gstd_queue_depth', 'gstd_queue_pending', 'gstd_queue_dead_letters'].map((n) => valueOf(m, n));

    it("report the queue's depth, read once per scrape", async () => {
        f = await serviceFixture();
        let reads = 0;
        const m = await scrapeWith({ depth: async (): Promise<QueueDepth> => (reads++, { waiting: 4, pending: 2, deadLetters: 1 }) });
        expect(gauges(m)).toEqual([4, 2, 1]);
        expect(reads).toBe(1);
    });

    it('report NaN, and log why, when the queue fails, hangs, or cannot tell what waits', async () => {
        f = await serviceFixture();
        const warnings: unknown[] = [];
        expect(gauges(await scrapeWith({ depth: () => Promise.reject(new Error('redis is down')) }, warnings))).toEqual([NaN, NaN, NaN]);
        expect(gauges(await scrapeWith({ depth: () => new Promise<QueueDepth>(() => {}) }, warnings))).toEqual([NaN, NaN, NaN]);
        expect(warnings).toHaveLength(2);
        expect(gauges(await scrapeWith({ depth: async () => ({ waiting: null, pending: 1, deadLetters: 0 }) }))).toEqual([NaN, 1, 0]);
    });
});
