// Sybil resistance through the whole service: a wallet's record survives a new device, fresh wallets do not
// outvote an established one, and known-answer spot checks catch a liar before it reaches a real task.
import { addSpotCheck } from '../../../backend/src/tasks/spotChecks';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { claimAll, expectRefused, FRESH_SCORE, secondDevice, taskView, trustOf, verdicts, Worker, workers } from '../service/serviceSteps';

const RIGHT = { digest: 'right' };
const WRONG = { digest: 'wrong' };

describe('Sybil resistance', () => {
    let f: ServiceFixture;
    afterEach(async () => f?.close());

    async function offers(w: Worker): Promise<Array<Record<string, unknown>>> {
        const res = await f.api('GET', `/api/v1/offers?device_id=${w.deviceId}`, w.token);
        expect(res.status).toBe(200);
        return res.body.offers;
    }

    /** Known answers for `hash`: input { text: k<i> } has output { digest: k<i> }. */
    async function knownAnswers(count: number): Promise<void> {
        for (let i = 1; i <= count; i++) {
            await f.ctx.store.transaction((tx) => addSpotCheck(tx, { operation: 'hash', input: { text: `k${i}` }, output: { digest: `k${i}` } }, f.ctx.nowMs()));
        }
    }

    /** Takes the spot check among the worker's offers (the one offer whose input is a known one) and answers it. */
    async function answerSpotCheck(w: Worker, honest: boolean) {
        const check = (await offers(w)).find((o) => /^k\d+$/.test((o.input as { text: string }).text))!;
        expect(check).toBeDefined();
        expect((await f.claim(w, check.task_id as string)).status).toBe(200);
        const text = (check.input as { text: string }).text;
        const res = await f.submit(w, check.task_id as string, honest ? { digest: text } : WRONG);
        expect(res.status).toBe(200);
        return { taskId: check.task_id as string, receipt: res.body };
    }

    describe('trust follows the wallet', () => {
        beforeEach(async () => (f = await serviceFixture()));

        it("a liar's new device on the same wallet keeps the wallet's bad record", async () => {
            const task = await f.openTask({ redundancy: 3, min_trust_score: 0 });
            const [h1, h2, liar] = await workers(f, ['h1', 'h2', 'liar']);
            await claimAll(f, [h1, h2, liar], task.task_id);
            await f.submit(h1, task.task_id, RIGHT);
            await f.submit(h2, task.task_id, RIGHT);
            expect((await f.submit(liar, task.task_id, WRONG)).body.verdict).toBe('invalid');
            const bad = await trustOf(f, liar);
            expect(bad.score).toBeLessThan(FRESH_SCORE);

            const fresh = await secondDevice(f, liar);
            const inherited = await trustOf(f, fresh);
            expect([inherited.accuracy_alpha, inherited.accuracy_beta]).toEqual([bad.accuracy_alpha, bad.accuracy_beta]);
            expect(inherited.accuracy_lower_bound).toBe(bad.accuracy_lower_bound);
            expect(inherited.score).toBeLessThan(FRESH_SCORE);
            // Gated out of a task a fresh identity could take.
            const gated = await f.openTask({ min_trust_score: FRESH_SCORE });
            expectRefused(await f.claim(fresh, gated.task_id), 403, 'TRUST_TOO_LOW');
        });
    });

    describe('with spot checks in every offer list (SPOT_CHECK_FRACTION=1)', () => {
        beforeEach(async () => {
            f = await serviceFixture({ SPOT_CHECK_FRACTION: '1' });
            await knownAnswers(8);
        });

        it('two fresh wallets do not outvote one established honest worker; the honest one is paid, the liars are not', async () => {
            // A real task must be open for spot checks to have something to look like.
            const decoy = await f.openTask();
            const [honest] = await workers(f, ['honest']);
            for (let i = 0; i < 6; i++) expect((await answerSpotCheck(honest, true)).receipt.verdict).toBe('valid');
            expect((await trustOf(f, honest)).accuracy_lower_bound).toBeGreaterThan(0.5);
            expect(decoy.status).toBe('open');

            const task = await f.openTask({ redundancy: 3, min_trust_score: 0 });
            const [liar1, liar2, arbiter1, arbiter2] = await workers(f, ['liar1', 'liar2', 'arbiter1', 'arbiter2']);
            await claimAll(f, [honest, liar1, liar2], task.task_id);
            await f.submit(honest, task.task_id, RIGHT);
            await f.submit(liar1, task.task_id, WRONG);
            const outvoting = await f.submit(liar2, task.task_id, WRONG);
            // Two against one, but the two have no record: no decision, one more slot.
            expect([outvoting.body.verdict, outvoting.body.task_status]).toEqual([null, 'open']);
            expect((await taskView(f, task.task_id)).slots_open).toBe(4);

            await claimAll(f, [arbiter1], task.task_id);
            expect((await f.submit(arbiter1, task.task_id, RIGHT)).body.task_status).toBe('open');
            await claimAll(f, [arbiter2], task.task_id);
            expect((await f.submit(arbiter2, task.task_id, RIGHT)).body.task_status).toBe('validated');
            expect((await verdicts(f, task.task_id))).toEqual({
                [honest.deviceId]: 'valid',
                [liar1.deviceId]: 'invalid',
                [liar2.deviceId]: 'invalid',
                [arbiter1.deviceId]: 'valid',
                [arbiter2.deviceId]: 'valid',
            });
            expect((await f.intent(honest, task.task_id)).status).toBe(200);
            expectRefused(await f.intent(liar1, task.task_id), 403, 'NOT_IN_MAJORITY');
            expectRefused(await f.intent(liar2, task.task_id), 403, 'NOT_IN_MAJORITY');
        });

        it('a lying identity is caught by a spot check before it ever reaches a real majority', async () => {
            // No minimum named: the default 0.3, above a fresh identity's 0.1317.
            const real = await f.openTask({ redundancy: 2, min_trust_score: undefined });
            expect(real.min_trust_score).toBe(0.3);
            const [liar, honest] = await workers(f, ['liar', 'honest']);

            // Fresh, each is offered the spot check only, and it reads like the real task.
            const [check] = await offers(liar);
            expect((await offers(liar)).map((o) => o.task_id)).toEqual([check.task_id]);
            const alike = ['status', 'requester', 'operation', 'module_sha256', 'budget', 'reward_per_result', 'redundancy', 'max_results', 'fee_bps'];
            for (const field of alike) expect([field, check[field]]).toEqual([field, (real as Record<string, unknown>)[field]]);
            expectRefused(await f.claim(liar, real.task_id), 403, 'TRUST_TOO_LOW');
            // Another wallet cannot see or take this wallet's spot check.
            expectRefused(await f.claim(honest, check.task_id as string), 404, 'TASK_NOT_FOUND');

            const caught = await answerSpotCheck(liar, false);
            expect([caught.receipt.verdict, caught.receipt.task_status]).toEqual(['invalid', 'failed']);
            expect((await trustOf(f, liar)).score).toBeLessThan(FRESH_SCORE);
            expectRefused(await f.claim(liar, real.task_id), 403, 'TRUST_TOO_LOW');
            expect((await offers(liar)).map((o) => o.task_id)).not.toContain(real.task_id);

            // The honest fresh identity passes its spot check (unpaid) and is then eligible for the real task.
            const passed = await answerSpotCheck(honest, true);
            expect(passed.receipt.verdict).toBe('valid');
            expectRefused(await f.intent(honest, passed.taskId), 409, 'NOT_PAYABLE');
            expect((await offers(honest)).map((o) => o.task_id)).toContain(real.task_id);
            expect((await f.claim(honest, real.task_id)).status).toBe(200);
        });

        it('spot checks stay out of the requester task list', async () => {
            const real = await f.openTask();
            const [w] = await workers(f, ['w']);
            await offers(w);
            const listed = await f.api('GET', '/api/v1/tasks', f.requesterToken);
            expect(listed.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual([real.task_id]);
        });
    });
});
