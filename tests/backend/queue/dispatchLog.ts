// A dispatch log kept in Redis, so a consumer in another process can write to it: one field per entry id, naming the
// consumer that recorded it. Recording is idempotent the way the service's offer log is: already there, do nothing.
import Redis from 'ioredis';
import { QueueEntry } from '../../../backend/src/queue/taskQueue';

/** Records `entry` as dispatched by `consumer`; false when it was recorded before (by anyone). */
export async function recordDispatch(redis: Redis, logKey: string, entry: QueueEntry, consumer: string): Promise<boolean> {
    return (await redis.hsetnx(logKey, entry.id, consumer)) === 1;
}

/** Entry id → the consumer that recorded it. */
export function readDispatchLog(redis: Redis, logKey: string): Promise<Record<string, string>> {
    return redis.hgetall(logKey);
}
