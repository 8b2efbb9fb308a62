// One throughput run of BullMQ on a fresh queue name, doing what the Streams run does: every job added with
// `Queue.add` (one call each, all issued at once, no addBulk), consumed by one Worker, timed until the last job's
// `completed` event, which BullMQ emits once the job is recorded finished in Redis (its acknowledgement).
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { epochMs } from '../load/epochClock';
import { countdown, markCpu, QueueRun, queueRunOf, QueueRunSpec } from './realtimeQueueRun';

export async function timeBullmq({ redis, handler, taskIds, inFlight }: QueueRunSpec): Promise<QueueRun> {
    const name = `bench-${randomBytes(4).toString('hex')}`;
    // BullMQ's workers block on Redis and must never give up on a command: it asks for no per-request retry cap.
    const connection = { host: redis.host, port: redis.port, maxRetriesPerRequest: null };
    const queue = new Queue(name, { connection });
    const completed = countdown(taskIds.length);
    const worker = new Worker(
        name,
        // Job ids restart at 1 for every queue; the queue's name keeps them apart in the offer log.
        (job) => {
            const id = `${name}:${job.id}`;
            return handler({ id, taskId: job.data.taskId, dispatchKey: id, deliveries: job.attemptsMade + 1 });
        },
        { connection, concurrency: inFlight },
    );
    worker.on('completed', () => completed.done());
    worker.on('failed', (_job, err) => completed.fail(err));
    const admin = new Redis(redis.url);
    try {
        await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
        const cpu = await markCpu(admin);
        const start = epochMs();
        await Promise.all(taskIds.map((taskId) => queue.add('offer', { taskId })));
        await completed.finished;
        const seconds = (epochMs() - start) / 1000;
        return await queueRunOf(admin, taskIds.length, seconds, cpu);
    } finally {
        await worker.close();
        await queue.close();
        await admin.quit();
    }
}
