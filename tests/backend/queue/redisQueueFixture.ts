// Redis queue suites' common ground: one redis-server per suite, fresh key names per test (so tests never see each
// other's streams), queue timings short enough for a fast suite, and direct looks at what Redis holds.
import Redis from 'ioredis';
import { RedisStreamsQueue, RedisStreamsQueueOptions } from '../../../backend/src/queue/redisStreamsQueue';
import { GroupState, parseEntries, parseGroups } from '../../../backend/src/queue/streamReplies';
import { DeadLetter } from '../../../backend/src/queue/taskQueue';
import { RedisServer, startRedisServer } from './redisServer';

export interface QueueKeys {
    stream: string;
    group: string;
    deadLetterStream: string;
}

/** Seconds-scale production timings, cut to a few hundred milliseconds. */
export const FAST_TIMINGS = {
    blockMs: 200,
    reclaimIdleMs: 300,
    reclaimIntervalMs: 100,
} as const;

/** Worst wait for a failed entry's next delivery: idle time, one reclaim interval, and slack for a busy machine. */
export const FAST_RETRY_WITHIN_MS = FAST_TIMINGS.reclaimIdleMs + FAST_TIMINGS.reclaimIntervalMs + 300;

export interface SuiteRedis {
    url(): string;
    /** A connection of the test's own, for looking at (and tampering with) what the queue wrote. */
    admin(): Redis;
}

/** Starts redis-server before the suite's tests and stops it after them. */
export function useRedisServer(): SuiteRedis {
    let server: RedisServer | undefined;
    let admin: Redis | undefined;
    beforeAll(async () => {
        server = await startRedisServer();
        admin = new Redis(server.url);
    });
    afterAll(async () => {
        await admin?.quit();
        await server?.stop();
    });
    return { url: () => server!.url, admin: () => admin! };
}

export function freshKeys(): QueueKeys {
    const prefix = `test:${Math.random().toString(36).slice(2, 10)}`;
    return { stream: `${prefix}:tasks:stream`, group: `${prefix}:task_workers`, deadLetterStream: `${prefix}:tasks:dead` };
}

export function fastQueue(url: string, keys: QueueKeys, options: Partial<RedisStreamsQueueOptions> = {}): RedisStreamsQueue {
    return new RedisStreamsQueue({ url, ...keys, ...FAST_TIMINGS, ...options });
}

/** Entries pending in the group (delivered, not acknowledged), with their consumers; none before the group exists. */
export async function pendingEntries(admin: Redis, keys: QueueKeys): Promise<Array<{ id: string; consumer: string; deliveries: number }>> {
    if (!(await groupOf(admin, keys))) return [];
    const rows = (await admin.xpending(keys.stream, keys.group, '-', '+', 10_000)) as Array<[string, string, number, number]>;
    return rows.map(([id, consumer, , deliveries]) => ({ id, consumer, deliveries }));
}

/** Entries published and neither acknowledged nor dead-lettered: pending, or not yet delivered to the group. */
export async function outstandingEntries(admin: Redis, keys: QueueKeys): Promise<number> {
    const group = await groupOf(admin, keys);
    if (!group) return admin.xlen(keys.stream);
    const undelivered = await admin.xrange(keys.stream, `(${group.lastDeliveredId}`, '+');
    return group.pending + undelivered.length;
}

async function groupOf(admin: Redis, keys: QueueKeys): Promise<GroupState | undefined> {
    if ((await admin.exists(keys.stream)) === 0) return undefined;
    return parseGroups(await admin.xinfo('GROUPS', keys.stream)).find((g) => g.name === keys.group);
}

/** The dead-letter stream read field by field, as an operator would: pins its documented format. */
export async function deadLettersIn(admin: Redis, keys: QueueKeys): Promise<DeadLetter[]> {
    return parseEntries(await admin.xrange(keys.deadLetterStream, '-', '+')).map(({ fields }) => ({
        id: fields.original_id,
        taskId: fields.task_id,
        deliveries: Number(fields.deliveries),
    }));
}

/** The ids in `stream`, oldest first. */
export async function idsIn(admin: Redis, stream: string): Promise<string[]> {
    return (await admin.xrange(stream, '-', '+')).map(([id]) => id);
}
