// GET /api/v1/payouts: the session wallet's rewards in validated tasks, with the split, the intent's expiry and
// what the chain shows paid; nothing for an invalid result, an undecided task, or another wallet's result.
import { Address } from '@ton/core';
import { PayoutList } from '../../../protocol';
import { splitPayout } from '../../../backend/src/domain';
import { watchChainOnce } from '../../../backend/src/service/background';
import { FEE_BPS, serviceFixture, ServiceFixture } from './serviceFixture';

describe('payout list', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    async function payoutsOf(token: string): Promise<PayoutList['payouts']> {
        const res = await f.api('GET', '/api/v1/payouts', token);
        expect(res.status).toBe(200);
        return res.body.payouts;
    }

    async function validatedTask() {
        const task = await f.openTask();
        const [a, b, liar] = [await f.worker('alice'), await f.worker('bob'), await f.worker('liar')];
        for (const w of [a, b, liar]) expect((await f.claim(w, task.task_id)).status).toBe(200);
        await f.submit(a, task.task_id, { digest: 'abc' });
        await f.submit(liar, task.task_id, { digest: 'xyz' });
        expect((await f.submit(b, task.task_id, { digest: 'abc' })).body.task_status).toBe('validated');
        return { task, a, b, liar };
    }

    it('lists a valid result of a validated task with its split, before any intent and unpaid', async () => {
        f = await serviceFixture();
        const { task, a } = await validatedTask();
        const gross = BigInt(task.reward_per_result);
        const split = splitPayout(gross, FEE_BPS);
        expect(await payoutsOf(a.token)).toEqual([
            {
                task_id: task.task_id,
                operation: task.operation,
                escrow_address: task.escrow_address,
                gross_amount: gross.toString(),
                executor_reward: split.executorReward.toString(),
                platform_fee: split.platformFee.toString(),
                deadline: task.deadline,
                intent_valid_until: null,
                paid: null,
            },
        ]);
    });

    it('lists nothing for the liar, nor for a task still being computed', async () => {
        f = await serviceFixture();
        const { liar } = await validatedTask();
        expect(await payoutsOf(liar.token)).toEqual([]);
        const pending = await f.openTask();
        const c = await f.worker('carol');
        await f.claim(c, pending.task_id);
        await f.submit(c, pending.task_id, { digest: 'abc' });
        expect(await payoutsOf(c.token)).toEqual([]);
    });

    it("shows the intent's expiry once issued, then the claim the chain shows paid", async () => {
        f = await serviceFixture();
        const { task, a, b } = await validatedTask();
        const intent = (await f.intent(a, task.task_id)).body;
        expect((await payoutsOf(a.token))[0]).toMatchObject({ intent_valid_until: intent.valid_until, paid: null });
        // Bob's row is his own: Alice's intent does not show on it.
        expect((await payoutsOf(b.token))[0]).toMatchObject({ intent_valid_until: null, paid: null });

        await f.sendFrom(a.wallet, intent.transaction);
        await watchChainOnce(f.ctx);
        const [row] = await payoutsOf(a.token);
        expect(row.paid).toEqual({ amount: task.reward_per_result, tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
        expect(Address.parse(row.escrow_address).equals(Address.parse(task.escrow_address))).toBe(true);
        expect((await payoutsOf(b.token))[0].paid).toBeNull();
    });

    it('needs a session, and takes only a limit and a cursor', async () => {
        f = await serviceFixture();
        expect((await f.api('GET', '/api/v1/payouts')).status).toBe(401);
        const w = await f.worker('dave');
        expect((await f.api('GET', '/api/v1/payouts?limit=0', w.token)).status).toBe(400);
        expect((await f.api('GET', '/api/v1/payouts?other=1', w.token)).status).toBe(400);
        expect((await f.api('GET', '/api/v1/payouts?limit=5', w.token)).body).toEqual({ payouts: [], next_cursor: null });
    });
});
