import { InProcessQueue } from '../../../backend/src/queue/inProcessQueue';
import { taskQueueFor } from '../../../backend/src/queue/queueFromConfig';
import { RedisStreamsQueue } from '../../../backend/src/queue/redisStreamsQueue';
import { TaskQueue } from '../../../backend/src/queue/taskQueue';
import { freshKeys, idsIn, useRedisServer } from './redisQueueFixture';

describe('taskQueueFor', () => {
    const redis = useRedisServer();
    let queue: TaskQueue | undefined;
    afterEach(async () => {
        await queue?.close();
        queue = undefined;
    });

    it('runs in process when no Redis URL is set, or an empty one', async () => {
        for (const url of [undefined, '']) {
            queue = taskQueueFor(url);
            expect(queue).toBeInstanceOf(InProcessQueue);
            await queue.close();
        }
    });

    it('uses the Redis stream the URL points at, with the options given', async () => {
        const keys = freshKeys();
        queue = taskQueueFor(redis.url(), { ...keys });
        expect(queue).toBeInstanceOf(RedisStreamsQueue);
        const id = await queue.publish('task');
        expect(await idsIn(redis.admin(), keys.stream)).toEqual([id]);
    });
});
