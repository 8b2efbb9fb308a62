// A task undecided at its deadline expires: the sweep expires it, and until then requests refuse to act on it.
import { MIN_TASK_SECONDS } from '../../../backend/src/tasks/taskRules';
import { sweep } from '../../../backend/src/tasks/sweep';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { claimAll, refusedUnchanged, taskView, workers } from './serviceSteps';

describe('deadlines', () => {
    let f: ServiceFixture;
    let deadline: number;
    beforeEach(async () => {
        f = await serviceFixture();
        deadline = f.now() + MIN_TASK_SECONDS;
    });
    afterEach(async () => f.close());

    it('the sweep expires tasks awaiting escrow, open or validating at their deadline, and leaves decided ones', async () => {
        const awaiting = (await f.createTask({ deadline })).body;
        const open = await f.openTask({ deadline });
        const validating = await f.openTask({ deadline, redundancy: 2 });
        const validated = await f.openTask({ deadline, redundancy: 2 });
        const [alice, bob, carol, dave] = await workers(f, ['alice', 'bob', 'carol', 'dave']);
        await claimAll(f, [alice, bob], validating.task_id);
        await claimAll(f, [carol, dave], validated.task_id);
        for (const w of [carol, dave]) await f.submit(w, validated.task_id, { v: 1 });

        f.advance(deadline - f.now() - 1);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 0, tasksExpired: 0 });
        f.advance(1);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 0, tasksExpired: 3 });

        const statuses = [];
        for (const t of [awaiting, open, validating, validated]) statuses.push((await taskView(f, t.task_id)).status);
        expect(statuses).toEqual(['expired', 'expired', 'expired', 'validated']);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 0, tasksExpired: 0 });
    });

    it('a claim at the deadline is refused: past its deadline before the sweep, not open after it', async () => {
        const task = await f.openTask({ deadline });
        const [alice] = await workers(f, ['alice']);
        f.advance(MIN_TASK_SECONDS);
        await refusedUnchanged(f, () => f.claim(alice, task.task_id), 409, 'TASK_PAST_DEADLINE');
        await sweep(f.ctx);
        await refusedUnchanged(f, () => f.claim(alice, task.task_id), 409, 'TASK_NOT_OPEN');
    });

    it('a result at the deadline is refused, so the task is never decided after it', async () => {
        const task = await f.openTask({ deadline, redundancy: 2 });
        const [alice, bob] = await workers(f, ['alice', 'bob']);
        await claimAll(f, [alice, bob], task.task_id);
        await f.submit(alice, task.task_id, { v: 1 });
        f.advance(MIN_TASK_SECONDS);
        await refusedUnchanged(f, () => f.submit(bob, task.task_id, { v: 1 }), 409, 'TASK_PAST_DEADLINE');
        await sweep(f.ctx);
        expect((await taskView(f, task.task_id)).status).toBe('expired');
        await refusedUnchanged(f, () => f.submit(bob, task.task_id, { v: 1 }), 409, 'TASK_CLOSED');
    });
});
