// One throughput run of the project's RedisStreamsQueue on fresh keys: every entry published with `publish` (one
// XADD each, all issued at once), consumed by one queue instance, timed until the group has nothing pending, which is
// when the last XACK has landed.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { RedisStreamsQueue } from '../../backend/src/queue/redisStreamsQueue';
import { parseGroups } from '../../backend/src/queue/streamReplies';
import { epochMs } from '../load/epochClock';
import { countdown, markCpu, QueueRun, queueRunOf, QueueRunSpec } from './realtimeQueueRun';

/** How often the group's pending count is read once every handler has finished: the end time's resolution. */
const ACK_POLL_MS = 1;

export async function timeStreamsQueue({ redis, handler, taskIds, inFlight }: QueueRunSpec): Promise<QueueRun> {
    const prefix = `bench:${randomBytes(4).toString('hex')}`;
    const keys = { stream: `${prefix}:tasks:stream`, group: `${prefix}:task_workers`, deadLetterStream: `${prefix}:tasks:dead` };
    const queue = new RedisStreamsQueue({ url: redis.url, ...keys, batchSize: inFlight });
    const admin = new Redis(redis.url);
    try {
        const handled = countdown(taskIds.length);
        queue.start(async (entry) => {
            try {
                await handler(entry);
                handled.done();
            } catch (err) {
                handled.fail(err);
                throw err;
            }
        });
        const pending = async () => parseGroups(await admin.xinfo('GROUPS', keys.stream)).find((g) => g.name === keys.group)?.pending;
        // The consumer is reading (its group exists) before the clock starts, as BullMQ's worker is ready before its.
        while ((await admin.exists(keys.stream)) === 0 || (await pending()) === undefined) await sleep(ACK_POLL_MS);

        const cpu = await markCpu(admin);
        const start = epochMs();
        await Promise.all(taskIds.map((taskId) => queue.publish(taskId)));
        await handled.finished;
        while ((await pending()) !== 0) await sleep(ACK_POLL_MS);
        const seconds = (epochMs() - start) / 1000;
        return await queueRunOf(admin, taskIds.length, seconds, cpu);
    } finally {
        await queue.close();
        await admin.quit();
    }
}
