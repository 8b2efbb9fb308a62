// The queue the configuration asks for: Redis Streams when a Redis URL is set (several service processes share
// it), otherwise the in-process queue (one process, nothing to run, nothing survives a restart).
import { InProcessQueue, InProcessQueueOptions } from './inProcessQueue';
import { RedisStreamsQueue, RedisStreamsQueueOptions } from './redisStreamsQueue';
import { TaskQueue } from './taskQueue';

/** Settings for either queue; each takes the ones that apply to it (deliveryCap and log apply to both). */
export type TaskQueueOptions = InProcessQueueOptions & Omit<RedisStreamsQueueOptions, 'url'>;

export function taskQueueFor(redisUrl?: string, options: TaskQueueOptions = {}): TaskQueue {
    // An empty REDIS_URL counts as unset.
    return redisUrl ? new RedisStreamsQueue({ ...options, url: redisUrl }) : new InProcessQueue(options);
}
