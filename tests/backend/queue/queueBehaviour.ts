// What every TaskQueue must do, checked alike for the in-process and the Redis queue: each spec says how to open
// its queue and how to look inside it, then registers these checks, so the two cannot drift apart.
import { DeadLetter, DispatchHandler, QueueEntry, TaskQueue } from '../../../backend/src/queue/taskQueue';
import { elapse, waitUntil } from './waitUntil';

export interface QueueUnderTest {
    /** Not started yet; the checks close it. */
    queue: TaskQueue;
    /** Entries published and neither acknowledged nor dead-lettered. */
    outstanding(): Promise<number>;
    deadLetters(): Promise<DeadLetter[]>;
}

export interface QueueBehaviourSetup {
    open(options: { deliveryCap: number }): Promise<QueueUnderTest>;
    /** Longest a failed entry can wait for its next delivery (with room for a loaded machine). */
    retryWithinMs: number;
}

/** A handler that logs every call, then does what `behaviour` says. */
export function recordingHandler(behaviour: (entry: QueueEntry) => Promise<void> = async () => {}) {
    const calls: QueueEntry[] = [];
    const handler: DispatchHandler = (entry) => {
        calls.push(entry);
        return behaviour(entry);
    };
    return { calls, handler };
}

const byId = (a: QueueEntry, b: QueueEntry) => a.id.localeCompare(b.id);

export function behavesAsTaskQueue(setup: QueueBehaviourSetup): void {
    let subject: QueueUnderTest | undefined;

    async function open(deliveryCap = 3): Promise<QueueUnderTest> {
        subject = await setup.open({ deliveryCap });
        return subject;
    }

    afterEach(async () => {
        await subject?.queue.close();
        subject = undefined;
    });

    it('delivers each published entry once, as its first delivery, and acknowledges it', async () => {
        const { queue, outstanding } = await open();
        const { calls, handler } = recordingHandler();
        queue.start(handler);
        const taskIds = Array.from({ length: 20 }, (_, i) => `task-${i}`);
        const ids = await Promise.all(taskIds.map((taskId) => queue.publish(taskId)));
        await waitUntil(async () => calls.length >= 20 && (await outstanding()) === 0, 'all 20 are dispatched and acknowledged');
        // Acknowledged entries must not come back: wait past the point a retry would have happened.
        await elapse(setup.retryWithinMs);

        expect(new Set(ids).size).toBe(20);
        expect([...calls].sort(byId)).toEqual(ids.map((id, i) => ({ id, taskId: taskIds[i], dispatchKey: id, deliveries: 1 })).sort(byId));
        expect(await outstanding()).toBe(0);
    });

    it('carries the publisher’s dispatch key, so the same thing published twice has one key', async () => {
        const { queue, outstanding } = await open();
        const { calls, handler } = recordingHandler();
        queue.start(handler);
        const first = await queue.publish('task-a', 'outbox-7');
        const second = await queue.publish('task-a', 'outbox-7');
        await waitUntil(async () => calls.length >= 2 && (await outstanding()) === 0, 'both are dispatched');
        expect(first).not.toBe(second);
        expect(calls.map((c) => c.dispatchKey)).toEqual(['outbox-7', 'outbox-7']);
    });

    it('delivers entries published before it was started', async () => {
        const { queue, outstanding } = await open();
        const ids = [await queue.publish('early-1'), await queue.publish('early-2')];
        expect(await outstanding()).toBe(2);
        const { calls, handler } = recordingHandler();
        queue.start(handler);
        await waitUntil(async () => (await outstanding()) === 0, 'both are dispatched and acknowledged');
        expect(calls.map((c) => c.id).sort()).toEqual([...ids].sort());
    });

    it('delivers again an entry whose handler threw, counting the deliveries, until one succeeds', async () => {
        const { queue, outstanding, deadLetters } = await open();
        // Thrown outright, not as a rejection: a careless handler must not take the queue down.
        const { calls, handler } = recordingHandler((entry) => {
            if (entry.deliveries === 1) throw new Error('first delivery fails');
            return Promise.resolve();
        });
        queue.start(handler);
        const id = await queue.publish('flaky');
        await waitUntil(async () => calls.length === 2 && (await outstanding()) === 0, 'the second delivery succeeds');
        expect(calls).toEqual([
            { id, taskId: 'flaky', dispatchKey: id, deliveries: 1 },
            { id, taskId: 'flaky', dispatchKey: id, deliveries: 2 },
        ]);
        expect(await deadLetters()).toEqual([]);
    });

    it('dead-letters an entry whose handler always fails after exactly deliveryCap calls, while others flow', async () => {
        const deliveryCap = 3;
        const { queue, outstanding, deadLetters } = await open(deliveryCap);
        const { calls, handler } = recordingHandler(async (entry) => {
            if (entry.taskId === 'poison') throw new Error('this task cannot be dispatched');
        });
        queue.start(handler);
        const goodBefore = await queue.publish('good-1');
        const poison = await queue.publish('poison');
        const goodAfter = await queue.publish('good-2');
        await waitUntil(async () => (await deadLetters()).length === 1, 'the poison entry is dead-lettered');
        // No further delivery once it is dead-lettered.
        await elapse(setup.retryWithinMs);

        expect(calls.filter((c) => c.id === poison).map((c) => c.deliveries)).toEqual([1, 2, 3]);
        expect(calls.filter((c) => c.id !== poison).sort(byId)).toEqual(
            [
                { id: goodBefore, taskId: 'good-1', dispatchKey: goodBefore, deliveries: 1 },
                { id: goodAfter, taskId: 'good-2', dispatchKey: goodAfter, deliveries: 1 },
            ].sort(byId),
        );
        expect(await deadLetters()).toEqual([{ id: poison, taskId: 'poison', deliveries: deliveryCap }]);
        expect(await outstanding()).toBe(0);
    });

    it('close waits for the dispatch in flight, which is still acknowledged', async () => {
        const { queue, outstanding } = await open();
        let started = false;
        let finished = false;
        queue.start(async () => {
            started = true;
            await elapse(200);
            finished = true;
        });
        await queue.publish('slow');
        await waitUntil(() => started, 'the handler starts');
        await queue.close();
        expect(finished).toBe(true);
        expect(await outstanding()).toBe(0);
    });

    it('refuses to publish once closed', async () => {
        const { queue } = await open();
        await queue.close();
        await expect(queue.publish('too-late')).rejects.toThrow('closed');
    });
}
