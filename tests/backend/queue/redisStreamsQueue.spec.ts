import { RedisStreamsQueue } from '../../../backend/src/queue/redisStreamsQueue';
import { behavesAsTaskQueue, recordingHandler } from './queueBehaviour';
import {
    deadLettersIn,
    fastQueue,
    FAST_RETRY_WITHIN_MS,
    freshKeys,
    outstandingEntries,
    pendingEntries,
    useRedisServer,
} from './redisQueueFixture';
import { elapse, waitUntil } from './waitUntil';

describe('RedisStreamsQueue', () => {
    const redis = useRedisServer();

    behavesAsTaskQueue({
        open: async ({ deliveryCap }) => {
            const keys = freshKeys();
            return {
                queue: fastQueue(redis.url(), keys, { deliveryCap }),
                outstanding: () => outstandingEntries(redis.admin(), keys),
                deadLetters: () => deadLettersIn(redis.admin(), keys),
            };
        },
        retryWithinMs: FAST_RETRY_WITHIN_MS,
    });

    describe('on its own', () => {
        let queue: RedisStreamsQueue | undefined;
        afterEach(async () => {
            await queue?.close();
            queue = undefined;
        });

        /** CLIENT LIST rows of the connections named after `consumer`. */
        async function connectionsOf(consumer: string): Promise<Array<{ name: string; cmd: string; flags: string }>> {
            const list = (await redis.admin().client('LIST')) as string;
            return list
                .split('\n')
                .filter(Boolean)
                .map((line) => Object.fromEntries(line.split(' ').map((pair) => pair.split('=', 2))))
                .filter((row) => typeof row.name === 'string' && row.name.startsWith(`${consumer}:`))
                .map((row) => ({ name: row.name, cmd: row.cmd, flags: row.flags }));
        }

        it('close ends a consumer blocked in XREADGROUP at once, not when its BLOCK time is up', async () => {
            queue = fastQueue(redis.url(), freshKeys(), { blockMs: 30_000 });
            queue.start(async () => {});
            const reader = `${queue.consumer}:reader`;
            await waitUntil(
                async () => (await connectionsOf(queue!.consumer)).some((c) => c.name === reader && c.cmd === 'xreadgroup' && c.flags.includes('b')),
                'the reader is blocked in XREADGROUP',
            );

            const startedAt = Date.now();
            await queue.close();
            expect(Date.now() - startedAt).toBeLessThan(1_000);
            await waitUntil(async () => (await connectionsOf(queue!.consumer)).length === 0, 'both connections are gone', 2_000);
        });

        it('blocks on a connection of its own, so publishing is not held up by a blocked read', async () => {
            queue = fastQueue(redis.url(), freshKeys(), { blockMs: 30_000 });
            const { calls, handler } = recordingHandler();
            queue.start(handler);
            await waitUntil(async () => (await connectionsOf(queue!.consumer)).some((c) => c.cmd === 'xreadgroup'), 'the reader blocks');

            const startedAt = Date.now();
            await queue.publish('while-blocked');
            expect(Date.now() - startedAt).toBeLessThan(1_000);
            await waitUntil(() => calls.length === 1, 'the blocked read delivers it', 2_000);
        });

        it('takes over entries pending on a consumer that is gone, with their delivery counts', async () => {
            const keys = freshKeys();
            const admin = redis.admin();
            await admin.xgroup('CREATE', keys.stream, keys.group, '0', 'MKSTREAM');
            const id = await admin.xadd(keys.stream, '*', 'task_id', 'orphan');
            // A consumer that read the entry and was never heard from again.
            await admin.xreadgroup('GROUP', keys.group, 'gone-consumer', 'COUNT', 10, 'STREAMS', keys.stream, '>');

            queue = fastQueue(redis.url(), keys);
            const { calls, handler } = recordingHandler();
            queue.start(handler);
            await waitUntil(async () => (await pendingEntries(admin, keys)).length === 0, 'the entry is taken over and acknowledged');
            expect(calls).toEqual([{ id, taskId: 'orphan', dispatchKey: id, deliveries: 2 }]);
        });

        it('acknowledges pending entries deleted from the stream without dispatching them', async () => {
            const keys = freshKeys();
            const admin = redis.admin();
            await admin.xgroup('CREATE', keys.stream, keys.group, '0', 'MKSTREAM');
            const deleted = (await admin.xadd(keys.stream, '*', 'task_id', 'deleted'))!;
            const kept = await admin.xadd(keys.stream, '*', 'task_id', 'kept');
            await admin.xreadgroup('GROUP', keys.group, 'gone-consumer', 'COUNT', 10, 'STREAMS', keys.stream, '>');
            await admin.xdel(keys.stream, deleted);

            queue = fastQueue(redis.url(), keys);
            const { calls, handler } = recordingHandler();
            queue.start(handler);
            await waitUntil(async () => (await outstandingEntries(admin, keys)) === 0, 'nothing is left pending');
            await elapse(FAST_RETRY_WITHIN_MS);
            expect(calls).toEqual([{ id: kept, taskId: 'kept', dispatchKey: kept, deliveries: 2 }]);
        });
    });
});
