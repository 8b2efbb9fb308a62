// A result at or after the task's deadline is refused with 409 TASK_PAST_DEADLINE, whether it would decide the
// task or come late after the decision: the escrow stops paying at the deadline, so nothing about the task changes.
import { MIN_TASK_SECONDS } from '../../../backend/src/tasks/taskRules';
import { sweep } from '../../../backend/src/tasks/sweep';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { claimAll, refusedUnchanged, taskView, trustOf, workers } from '../service/serviceSteps';

const SLOT_TIMEOUT = 10;

describe('results after the deadline', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    /** A redundancy-2 task decided by `quick` and `spare` after `slow`'s slot timed out; `slow` has not delivered. */
    async function decidedWithSlowHolder(deadline: number) {
        const task = await f.openTask({ redundancy: 2, slot_timeout_seconds: SLOT_TIMEOUT, deadline });
        const [slow, quick, spare] = await workers(f, ['slow', 'quick', 'spare']);
        await claimAll(f, [slow, quick], task.task_id);
        expect((await f.submit(quick, task.task_id, { digest: 'abc' })).status).toBe(200);
        f.advance(SLOT_TIMEOUT);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 1, tasksExpired: 0 });
        await claimAll(f, [spare], task.task_id);
        expect((await f.submit(spare, task.task_id, { digest: 'abc' })).body.task_status).toBe('validated');
        return { task, slow };
    }

    it('a late result before the deadline is still taken', async () => {
        const { task, slow } = await decidedWithSlowHolder(f.now() + MIN_TASK_SECONDS);
        const late = await f.submit(slow, task.task_id, { digest: 'abc' });
        expect([late.status, late.body.late, late.body.verdict]).toEqual([200, true, 'valid']);
    });

    it.each([
        ['at the deadline', 0],
        ['a minute after the deadline', 60],
    ])('a late result %s is refused and changes neither trust nor state', async (_, past) => {
        const deadline = f.now() + MIN_TASK_SECONDS;
        const { task, slow } = await decidedWithSlowHolder(deadline);
        f.advance(deadline - f.now() + past);
        const trustBefore = await trustOf(f, slow);
        const viewBefore = await taskView(f, task.task_id);

        await refusedUnchanged(f, () => f.submit(slow, task.task_id, { digest: 'abc' }), 409, 'TASK_PAST_DEADLINE');
        await refusedUnchanged(f, () => f.submit(slow, task.task_id, { digest: 'xyz' }), 409, 'TASK_PAST_DEADLINE');
        expect(await trustOf(f, slow)).toEqual(trustBefore);
        expect(await taskView(f, task.task_id)).toEqual(viewBefore);
        expect(viewBefore.status).toBe('validated');
    });
});
