// A slot held past its timeout goes back to the task and costs its device stability. The device's result is
// refused until the task is decided, then taken as a late result: checked, counted in trust and toward the cap.
import { initialTrust, updateTrust } from '../../../backend/src/domain';
import { trustView } from '../../../backend/src/devices/devices';
import { sweep } from '../../../backend/src/tasks/sweep';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { claimAll, refusedUnchanged, taskView, trustOf, verdicts, Worker, workers } from './serviceSteps';

const SLOT_TIMEOUT = 10;
const timedOut = updateTrust(initialTrust(), { kind: 'timeout' });

describe('slot timeouts', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    async function assignmentStatus(taskId: string, w: Worker): Promise<string> {
        const row = await f.ctx.store.one<{ status: string }>('SELECT status FROM assignments WHERE task_id = ? AND device_id = ?', taskId, w.deviceId);
        return row!.status;
    }

    /** A redundancy-2 task in which `slow` holds its slot past the timeout while `quick` delivered `{digest: 'abc'}`. */
    async function slowHolderTimedOut() {
        const task = await f.openTask({ redundancy: 2, slot_timeout_seconds: SLOT_TIMEOUT });
        const [slow, quick, spare] = await workers(f, ['slow', 'quick', 'spare']);
        await claimAll(f, [slow, quick], task.task_id);
        expect((await f.submit(quick, task.task_id, { digest: 'abc' })).status).toBe(200);
        f.advance(SLOT_TIMEOUT);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 1, tasksExpired: 0 });
        return { task, slow, quick, spare };
    }

    it('the sweep gives a slot back only once its timeout has run out', async () => {
        const task = await f.openTask({ redundancy: 2, slot_timeout_seconds: SLOT_TIMEOUT });
        const [slow, quick] = await workers(f, ['slow', 'quick']);
        await claimAll(f, [slow, quick], task.task_id);
        f.advance(SLOT_TIMEOUT - 1);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 0, tasksExpired: 0 });
        expect((await taskView(f, task.task_id)).status).toBe('validating');
        f.advance(1);
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 2, tasksExpired: 0 });
        expect((await taskView(f, task.task_id)).status).toBe('open');
    });

    it('a timed-out slot reopens the task, costs stability, and goes to another device', async () => {
        const { task, slow, spare } = await slowHolderTimedOut();
        expect(await assignmentStatus(task.task_id, slow)).toBe('timed_out');
        expect(await taskView(f, task.task_id)).toMatchObject({ status: 'open', slots_open: 2 });
        expect(timedOut.stability).toBeCloseTo(0.45, 12);
        expect(await trustOf(f, slow)).toEqual(trustView(timedOut));

        await refusedUnchanged(f, () => f.claim(slow, task.task_id), 409, 'ALREADY_ASSIGNED');
        const taken = await f.claim(spare, task.task_id);
        expect([taken.status, taken.body.status]).toEqual([200, 'validating']);
    });

    it('the next claim gives back an expired slot even before the sweep', async () => {
        const task = await f.openTask({ redundancy: 2, slot_timeout_seconds: SLOT_TIMEOUT });
        const [slow, quick, spare] = await workers(f, ['slow', 'quick', 'spare']);
        await claimAll(f, [slow, quick], task.task_id);
        f.advance(SLOT_TIMEOUT);
        expect((await f.claim(spare, task.task_id)).status).toBe(200);
        expect(await assignmentStatus(task.task_id, slow)).toBe('timed_out');
        expect(await assignmentStatus(task.task_id, quick)).toBe('timed_out');
        expect(await trustOf(f, slow)).toEqual(trustView(timedOut));
        expect(await sweep(f.ctx)).toEqual({ slotsTimedOut: 0, tasksExpired: 0 });
    });

    it('a timed-out device cannot deliver before the task is decided', async () => {
        const { task, slow, spare } = await slowHolderTimedOut();
        await refusedUnchanged(f, () => f.submit(slow, task.task_id, { digest: 'abc' }), 409, 'SLOT_EXPIRED');
        await f.claim(spare, task.task_id);
        await refusedUnchanged(f, () => f.submit(slow, task.task_id, { digest: 'abc' }), 409, 'SLOT_EXPIRED');
    });

    it.each([
        ['the canonical result is valid', { digest: 'abc' }, 'valid'],
        ['another result is invalid', { digest: 'xyz' }, 'invalid'],
    ] as const)('after the decision, a late result equal to %s', async (_, output, verdict) => {
        const { task, slow, spare } = await slowHolderTimedOut();
        await f.claim(spare, task.task_id);
        expect((await f.submit(spare, task.task_id, { digest: 'abc' })).body.task_status).toBe('validated');

        const late = await f.submit(slow, task.task_id, output);
        expect(late.status).toBe(200);
        expect(late.body).toMatchObject({ verdict, late: true, task_status: 'validated' });
        expect((await verdicts(f, task.task_id))[slow.deviceId]).toBe(verdict);
        expect(await assignmentStatus(task.task_id, slow)).toBe('delivered');
        const event = verdict === 'valid' ? { kind: 'valid' as const, turnaroundMs: SLOT_TIMEOUT * 1000 } : { kind: 'invalid' as const };
        expect(await trustOf(f, slow)).toEqual(trustView(updateTrust(timedOut, event)));
        expect((await taskView(f, task.task_id)).status).toBe('validated');
    });

    it('late results count toward the cap on results', async () => {
        // Redundancy 2 caps results at 4: two decide, two late ones fit, a third late one does not.
        const task = await f.openTask({ redundancy: 2, slot_timeout_seconds: SLOT_TIMEOUT });
        expect(task.max_results).toBe(4);
        const [a, b, c, d, e] = await workers(f, ['a', 'b', 'c', 'd', 'e']);
        await claimAll(f, [a, b], task.task_id);
        f.advance(SLOT_TIMEOUT);
        expect((await sweep(f.ctx)).slotsTimedOut).toBe(2);
        await claimAll(f, [c, d], task.task_id);
        await f.submit(c, task.task_id, { digest: 'abc' });
        f.advance(SLOT_TIMEOUT);
        expect((await sweep(f.ctx)).slotsTimedOut).toBe(1);
        await f.claim(e, task.task_id);
        expect((await f.submit(e, task.task_id, { digest: 'abc' })).body.task_status).toBe('validated');

        expect((await f.submit(a, task.task_id, { digest: 'abc' })).body).toMatchObject({ verdict: 'valid', late: true });
        expect((await f.submit(b, task.task_id, { digest: 'xyz' })).body).toMatchObject({ verdict: 'invalid', late: true });
        await refusedUnchanged(f, () => f.submit(d, task.task_id, { digest: 'abc' }), 409, 'RESULT_CAP_REACHED');
    });
});
