// Who may take a slot: an open task, the right capability, enough trust right now, one slot per device and
// per wallet, and a slot free. Every refusal leaves the store as it was.
import { initialTrust, trustScore, updateTrust } from '../../../backend/src/domain';
import { trustView } from '../../../backend/src/devices/devices';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { claimAll, FRESH_SCORE, refusedUnchanged, secondDevice, taskView, trustOf, workers } from './serviceSteps';

describe('claiming a slot', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    it('a device below the task’s minimum trust is refused', async () => {
        const task = await f.openTask({ min_trust_score: FRESH_SCORE + 0.001 });
        const [alice] = await workers(f, ['alice']);
        const res = await refusedUnchanged(f, () => f.claim(alice, task.task_id), 403, 'TRUST_TOO_LOW');
        expect(res.body.error.message).toContain(FRESH_SCORE.toFixed(4));
    });

    it('a device exactly at the task’s minimum trust can claim', async () => {
        const task = await f.openTask({ min_trust_score: FRESH_SCORE });
        const [alice] = await workers(f, ['alice']);
        expect((await f.claim(alice, task.task_id)).status).toBe(200);
    });

    it('a device without the task’s operation among its capabilities is refused', async () => {
        const task = await f.openTask();
        const [sorter] = await workers(f, ['sorter'], ['sort']);
        await refusedUnchanged(f, () => f.claim(sorter, task.task_id), 403, 'MISSING_CAPABILITY');
    });

    it('a device cannot claim a second slot of one task', async () => {
        const task = await f.openTask({ redundancy: 3 });
        const [alice] = await workers(f, ['alice']);
        expect((await f.claim(alice, task.task_id)).status).toBe(200);
        await refusedUnchanged(f, () => f.claim(alice, task.task_id), 409, 'ALREADY_ASSIGNED');
    });

    it('a second device of the same wallet cannot claim a slot of the same task', async () => {
        const task = await f.openTask({ redundancy: 3 });
        const [alice] = await workers(f, ['alice']);
        const aliceAgain = await secondDevice(f, alice);
        expect((await f.claim(alice, task.task_id)).status).toBe(200);
        await refusedUnchanged(f, () => f.claim(aliceAgain, task.task_id), 409, 'WALLET_ALREADY_ASSIGNED');
    });

    it('the last slot taken moves the task to validating, and then no slot is free', async () => {
        const task = await f.openTask({ redundancy: 2 });
        const [alice, bob, carol] = await workers(f, ['alice', 'bob', 'carol']);
        expect((await f.claim(alice, task.task_id)).body.status).toBe('open');
        const last = await f.claim(bob, task.task_id);
        expect([last.status, last.body.status]).toEqual([200, 'validating']);
        expect(await taskView(f, task.task_id)).toMatchObject({ status: 'validating', slots_open: 2 });
        await refusedUnchanged(f, () => f.claim(carol, task.task_id), 409, 'NO_SLOT_FREE');
    });

    it('a task awaiting its escrow takes no claims', async () => {
        const created = await f.createTask();
        const [alice] = await workers(f, ['alice']);
        await refusedUnchanged(f, () => f.claim(alice, created.body.task_id), 409, 'TASK_NOT_OPEN');
    });

    it('a device of another wallet, or no device at all, is not found', async () => {
        const task = await f.openTask();
        const [alice, bob] = await workers(f, ['alice', 'bob']);
        const withBobsDevice = { token: alice.token, deviceId: bob.deviceId };
        const stranger = await refusedUnchanged(f, () => f.claim(withBobsDevice, task.task_id), 404, 'DEVICE_NOT_FOUND');
        const missing = { token: alice.token, deviceId: '00000000-0000-4000-8000-000000000000' };
        const none = await refusedUnchanged(f, () => f.claim(missing, task.task_id), 404, 'DEVICE_NOT_FOUND');
        // The same answer either way: ids of other wallets' devices do not leak.
        expect(stranger.body).toEqual(none.body);
    });

    it('a device that earns trust through a validated task can then claim a gated one', async () => {
        // Two equal results decide at once, so each turnaround is 0 ms.
        const earned = updateTrust(initialTrust(), { kind: 'valid', turnaroundMs: 0 });
        const gate = (FRESH_SCORE + trustScore(earned)) / 2;
        const gated = await f.openTask({ min_trust_score: gate });
        const [alice, bob] = await workers(f, ['alice', 'bob']);
        await refusedUnchanged(f, () => f.claim(alice, gated.task_id), 403, 'TRUST_TOO_LOW');

        const warmUp = await f.openTask({ min_trust_score: 0, redundancy: 2 });
        await claimAll(f, [alice, bob], warmUp.task_id);
        for (const w of [alice, bob]) expect((await f.submit(w, warmUp.task_id, { digest: 'abc' })).status).toBe(200);
        expect((await taskView(f, warmUp.task_id)).status).toBe('validated');
        expect(await trustOf(f, alice)).toEqual(trustView(earned));

        expect((await f.claim(alice, gated.task_id)).status).toBe(200);
    });
});
