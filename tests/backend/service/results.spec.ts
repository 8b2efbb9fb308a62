// Submitting results: only slot holders, once each (idempotent by canonical hash), within the body limit; and the
// consensus the last open slot triggers: majority, arbitration after a collision, failure at the cap.
import { canonicalResultHash, initialEntropy, initialTrust, updateEntropy } from '../../../backend/src/domain';
import { trustView } from '../../../backend/src/devices/devices';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import {
    claimAll,
    collisionRows,
    entropyRow,
    expectRefused,
    refusedUnchanged,
    storeSnapshot,
    taskView,
    trustOf,
    verdicts,
    Worker,
    workers,
} from './serviceSteps';

describe('result submission', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    /** A redundancy-3 task whose three slots alice, bob and carol hold. */
    async function heldTask() {
        const task = await f.openTask({ redundancy: 3 });
        const ws = await workers(f, ['alice', 'bob', 'carol']);
        await claimAll(f, ws, task.task_id);
        return { task, ws };
    }

    function postRaw(w: Worker, taskId: string, body: string) {
        return f.app
            .inject({
                method: 'POST',
                url: `/api/v1/tasks/${taskId}/results`,
                headers: { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' },
                payload: body,
            })
            .then((res) => ({ status: res.statusCode, body: res.json() }));
    }

    it('a device without a slot of the task cannot submit', async () => {
        const { task } = await heldTask();
        const [dave] = await workers(f, ['dave']);
        await refusedUnchanged(f, () => f.submit(dave, task.task_id, { digest: 'abc' }), 403, 'NOT_SLOT_HOLDER');
    });

    it('the same result again, keys in any order, gets the same receipt and changes nothing', async () => {
        const { task, ws } = await heldTask();
        const first = await f.submit(ws[0], task.task_id, { digest: 'abc', sizes: [1, 2], meta: { a: 1, b: 2 } });
        expect(first.status).toBe(200);
        expect(first.body).toEqual({
            task_id: task.task_id,
            device_id: ws[0].deviceId,
            result_hash: canonicalResultHash({ digest: 'abc', sizes: [1, 2], meta: { a: 1, b: 2 } }),
            verdict: null,
            late: false,
            task_status: 'validating',
            payout_ready: false,
        });
        const stored = await storeSnapshot(f);
        f.advance(5);
        const again = await f.submit(ws[0], task.task_id, { meta: { b: 2, a: 1 }, sizes: [1, 2], digest: 'abc' });
        expect([again.status, again.body]).toEqual([200, first.body]);
        expect(await storeSnapshot(f)).toEqual(stored);
    });

    it('a different result from the same device conflicts', async () => {
        const { task, ws } = await heldTask();
        await f.submit(ws[0], task.task_id, { digest: 'abc' });
        await refusedUnchanged(f, () => f.submit(ws[0], task.task_id, { digest: 'abd' }), 409, 'RESULT_CONFLICT');
    });

    it('a body over the 64 KiB limit is refused with 413', async () => {
        const { task, ws } = await heldTask();
        await refusedUnchanged(f, () => f.submit(ws[0], task.task_id, { blob: 'x'.repeat(64 * 1024) }), 413, 'BODY_TOO_LARGE');
    });

    it('an output nested too deep to hash is refused', async () => {
        const { task, ws } = await heldTask();
        const depth = 30_000;
        const body = `{"device_id":"${ws[0].deviceId}","output":${'['.repeat(depth)}${']'.repeat(depth)}}`;
        expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);
        await refusedUnchanged(f, () => postRaw(ws[0], task.task_id, body), 400, 'BAD_RESULT');
    });

    it('a missing output is refused', async () => {
        const { task, ws } = await heldTask();
        const withoutOutput = () => f.api('POST', `/api/v1/tasks/${task.task_id}/results`, ws[0].token, { device_id: ws[0].deviceId });
        await refusedUnchanged(f, withoutOutput, 400, 'BAD_REQUEST');
    });
});

describe('consensus', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    /** Submits each worker's output in turn; returns the last receipt. */
    async function submitAll(taskId: string, entries: Array<[Worker, unknown]>) {
        let last;
        for (const [w, output] of entries) {
            last = await f.submit(w, taskId, output);
            expect(last.status).toBe(200);
        }
        return last!.body;
    }

    /** A redundancy-4 task whose results split 2–2 between `{v: 'x'}` and `{v: 'y'}`. */
    async function tiedTask() {
        const task = await f.openTask({ redundancy: 4 });
        const ws = await workers(f, ['x1', 'x2', 'y1', 'y2', 'arbiter']);
        await claimAll(f, ws.slice(0, 4), task.task_id);
        const receipt = await submitAll(task.task_id, [
            [ws[0], { v: 'x' }],
            [ws[2], { v: 'y' }],
            [ws[1], { v: 'x' }],
            [ws[3], { v: 'y' }],
        ]);
        return { task, ws, receipt };
    }

    it('a 2–2 tie is a collision: exactly one extra slot opens, and entropy counts it', async () => {
        const { task, ws, receipt } = await tiedTask();
        expect(receipt).toMatchObject({ verdict: null, task_status: 'open' });
        expect(await taskView(f, task.task_id)).toMatchObject({ status: 'open', redundancy: 4, slots_open: 5, max_results: 6 });
        expect((await collisionRows(f, task.task_id))).toEqual([{ received: 4, largest_group: 2, resolution: 'arbitrate' }]);
        expect((await entropyRow(f, 'hash'))).toEqual(updateEntropy(initialEntropy(), 'collision'));
        expect(Object.values((await verdicts(f, task.task_id)))).toEqual([null, null, null, null]);
        for (const w of ws.slice(0, 4)) expect(await trustOf(f, w)).toEqual(trustView(initialTrust()));

        // One extra slot, not two: the arbiter fills it and the task waits for its result.
        const [late] = await workers(f, ['another']);
        expect((await f.claim(ws[4], task.task_id)).body.status).toBe('validating');
        expectRefused(await f.claim(late, task.task_id), 409, 'NO_SLOT_FREE');
    });

    it('the arbitration result that makes a strict majority validates the task', async () => {
        const { task, ws } = await tiedTask();
        await f.claim(ws[4], task.task_id);
        const receipt = await submitAll(task.task_id, [[ws[4], { v: 'x' }]]);
        expect(receipt).toMatchObject({ verdict: 'valid', task_status: 'validated' });
        expect(await taskView(f, task.task_id)).toMatchObject({
            status: 'validated',
            canonical_result_hash: canonicalResultHash({ v: 'x' }),
        });
        expect((await verdicts(f, task.task_id))).toEqual({
            [ws[0].deviceId]: 'valid',
            [ws[1].deviceId]: 'valid',
            [ws[2].deviceId]: 'invalid',
            [ws[3].deviceId]: 'invalid',
            [ws[4].deviceId]: 'valid',
        });
        expect((await entropyRow(f, 'hash'))).toEqual(updateEntropy(updateEntropy(initialEntropy(), 'collision'), 'agreement'));
    });

    it('results that never agree fail the task at the cap, and nobody’s accuracy moves', async () => {
        const task = await f.openTask({ redundancy: 3 });
        expect(task.max_results).toBe(5);
        const ws = await workers(f, ['a', 'b', 'c', 'd', 'e']);
        await claimAll(f, ws.slice(0, 3), task.task_id);
        const distinct = ws.slice(0, 3).map((w, i): [Worker, unknown] => [w, { v: i }]);
        expect(await submitAll(task.task_id, distinct)).toMatchObject({ task_status: 'open' });
        await f.claim(ws[3], task.task_id);
        expect(await submitAll(task.task_id, [[ws[3], { v: 3 }]])).toMatchObject({ task_status: 'open' });
        await f.claim(ws[4], task.task_id);
        expect(await submitAll(task.task_id, [[ws[4], { v: 4 }]])).toMatchObject({ verdict: null, task_status: 'failed' });

        expect(await taskView(f, task.task_id)).toMatchObject({ status: 'failed', slots_open: 5, canonical_result_hash: null });
        expect((await collisionRows(f, task.task_id))).toEqual([
            { received: 3, largest_group: 1, resolution: 'arbitrate' },
            { received: 4, largest_group: 1, resolution: 'arbitrate' },
            { received: 5, largest_group: 1, resolution: 'failed' },
        ]);
        let entropy = initialEntropy();
        for (let i = 0; i < 3; i++) entropy = updateEntropy(entropy, 'collision');
        expect((await entropyRow(f, 'hash'))).toEqual(entropy);
        // Delivering still counts: every device's stability takes one step toward 1 from the prior 0.5.
        for (const w of ws) {
            expect(await trustOf(f, w)).toMatchObject({ accuracy_alpha: 1, accuracy_beta: 1, latency_ewma_ms: null, stability: 0.55 });
        }
        expectRefused(await f.intent(ws[0], task.task_id), 409, 'TASK_NOT_VALIDATED');
    });
});
