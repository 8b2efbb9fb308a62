import { InProcessQueue } from '../../../backend/src/queue/inProcessQueue';
import { behavesAsTaskQueue, recordingHandler } from './queueBehaviour';
import { elapse, waitUntil } from './waitUntil';

const RETRY_DELAY_MS = 50;

describe('InProcessQueue', () => {
    behavesAsTaskQueue({
        open: async ({ deliveryCap }) => {
            const queue = new InProcessQueue({ deliveryCap, retryDelayMs: RETRY_DELAY_MS });
            return { queue, outstanding: async () => queue.size, deadLetters: async () => [...queue.deadLetters] };
        },
        retryWithinMs: RETRY_DELAY_MS * 4,
    });

    describe('on its own', () => {
        let queue: InProcessQueue;
        beforeEach(() => {
            queue = new InProcessQueue({ retryDelayMs: RETRY_DELAY_MS });
        });
        afterEach(() => queue.close());

        it('never delivers inside the call to publish', async () => {
            const { calls, handler } = recordingHandler();
            queue.start(handler);
            const published = queue.publish('task');
            expect(calls).toEqual([]);
            await published;
            await waitUntil(() => calls.length === 1, 'the entry is delivered');
        });

        it('hands out ids that no other instance repeats, since they outlive the process in the offer log', async () => {
            const other = new InProcessQueue();
            const ids = [await queue.publish('a'), await queue.publish('b'), await other.publish('a'), await other.publish('b')];
            await other.close();
            expect(new Set(ids).size).toBe(4);
        });

        it('delivers nothing once closed, not even a retry already scheduled', async () => {
            const { calls, handler } = recordingHandler(async () => {
                throw new Error('always fails');
            });
            queue.start(handler);
            await queue.publish('task');
            await waitUntil(() => calls.length === 1, 'the first delivery');
            await queue.close();
            await elapse(RETRY_DELAY_MS * 3);
            expect(calls).toHaveLength(1);
            expect(queue.size).toBe(1);
        });
    });
});
