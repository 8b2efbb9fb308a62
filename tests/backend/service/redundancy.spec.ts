// New tasks get the redundancy their operation's record of collisions calls for; the requester's is a minimum.
import { BASE_REDUNDANCY, redundancyFor } from '../../../backend/src/domain';
import { MAX_REDUNDANCY } from '../../../backend/src/tasks/taskRules';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { claimAll, entropyRow, workers } from './serviceSteps';

describe('redundancy from entropy', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    async function createdRedundancy(fields: Record<string, unknown>) {
        const res = await f.createTask(fields);
        expect(res.status).toBe(201);
        return { redundancy: res.body.redundancy, slotsOpen: res.body.slots_open, maxResults: res.body.max_results };
    }

    /** A redundancy-2 task of `hash` whose two results differ: one collision, arbitration pending. */
    async function collided() {
        const task = await f.openTask({ redundancy: 2 });
        const ws = await workers(f, ['x', 'y', 'arbiter']);
        await claimAll(f, ws.slice(0, 2), task.task_id);
        await f.submit(ws[0], task.task_id, { v: 'x' });
        expect((await f.submit(ws[1], task.task_id, { v: 'y' })).body.task_status).toBe('open');
        return { task, arbiter: ws[2] };
    }

    it('an operation with no history gets the base redundancy, so one result never decides alone', async () => {
        expect(await createdRedundancy({ redundancy: 1 })).toEqual({ redundancy: BASE_REDUNDANCY, slotsOpen: 2, maxResults: 4 });
        expect(await createdRedundancy({ redundancy: 3 })).toEqual({ redundancy: 3, slotsOpen: 3, maxResults: 5 });

        const task = await f.openTask({ redundancy: 1 });
        const [alice, bob] = await workers(f, ['alice', 'bob']);
        await claimAll(f, [alice, bob], task.task_id);
        expect((await f.submit(alice, task.task_id, { v: 1 })).body).toMatchObject({ verdict: null, task_status: 'validating' });
        expect((await f.submit(bob, task.task_id, { v: 1 })).body).toMatchObject({ verdict: 'valid', task_status: 'validated' });
    });

    it('after a collision, new tasks of the operation get more redundancy; the requester’s stays a minimum', async () => {
        await collided();
        const stats = (await entropyRow(f, 'hash'))!;
        expect(stats).toEqual({ decisions: 1, collisions: 1 });
        // Every verdict so far collided: 2 · (1 + 2 · 1) = 6.
        expect(redundancyFor(stats, 2, MAX_REDUNDANCY)).toBe(6);

        expect(await createdRedundancy({ redundancy: 2 })).toEqual({ redundancy: 6, slotsOpen: 6, maxResults: 8 });
        expect((await createdRedundancy({ redundancy: 8 })).redundancy).toBe(8);
        expect((await createdRedundancy({ redundancy: MAX_REDUNDANCY })).redundancy).toBe(MAX_REDUNDANCY);
    });

    it('another operation is unaffected by the collisions of the first', async () => {
        await collided();
        expect(await createdRedundancy({ operation: 'sort', redundancy: 2 })).toEqual({ redundancy: 2, slotsOpen: 2, maxResults: 4 });
        expect((await entropyRow(f, 'sort'))).toBeUndefined();
    });

    it('an agreement after the collision brings the redundancy down again, as the stored counts say', async () => {
        const { task, arbiter } = await collided();
        await f.claim(arbiter, task.task_id);
        expect((await f.submit(arbiter, task.task_id, { v: 'x' })).body.task_status).toBe('validated');
        const stats = (await entropyRow(f, 'hash'))!;
        expect(stats.decisions).toBeCloseTo(1.98, 12);
        expect(stats.collisions).toBeCloseTo(0.98, 12);

        const expected = redundancyFor(stats, 2, MAX_REDUNDANCY);
        expect(expected).toBe(4);
        expect((await createdRedundancy({ redundancy: 2 })).redundancy).toBe(expected);
        expect((await createdRedundancy({ redundancy: 5 })).redundancy).toBe(5);
    });
});
