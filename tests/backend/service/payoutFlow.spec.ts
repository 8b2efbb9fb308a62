// The whole path of a task through the service and the chain: created, funded, confirmed, computed by three
// devices (one wrong), decided, and paid on-chain by the payload comment the intent hands out.
import '@ton/test-utils';
import { Address, Cell } from '@ton/core';
import { commentTextOfCell, parseClaimComment, verifyIntent } from '../../../wrappers/claimEncoding';
import { splitPayout } from '../../../backend/src/domain';
import { watchChainOnce } from '../../../backend/src/service/background';
import { INTENT_MIN_REMAINING_SECONDS, INTENT_TTL_SECONDS } from '../../../backend/src/tasks/taskRules';
import { FEE_BPS, serviceFixture, ServiceFixture } from './serviceFixture';

describe('task → consensus → payout intent → on-chain claim', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    async function validatedTask() {
        f = await serviceFixture();
        const task = await f.openTask();
        const [a, b, liar] = [await f.worker('alice'), await f.worker('bob'), await f.worker('liar')];
        for (const w of [a, b, liar]) expect((await f.claim(w, task.task_id)).status).toBe(200);
        expect((await f.submit(a, task.task_id, { digest: 'abc' })).body).toMatchObject({ verdict: null, task_status: 'validating' });
        expect((await f.submit(liar, task.task_id, { digest: 'xyz' })).body.verdict).toBeNull();
        const last = await f.submit(b, task.task_id, { digest: 'abc' });
        expect(last.body).toMatchObject({ verdict: 'valid', task_status: 'validated' });
        return { task, a, b, liar };
    }

    it('the funded task opens with the escrow terms the service asked for', async () => {
        f = await serviceFixture();
        const task = await f.openTask();
        expect(task).toMatchObject({ status: 'open', redundancy: 3, max_results: 5, fee_bps: Number(FEE_BPS) });
        const escrow = await f.chain.escrowState(Address.parse(task.escrow_address));
        expect(escrow!.budget.toString()).toBe(task.budget);
        expect(escrow!.fundingId.toString()).toBe(task.funding_id);
    });

    it('the majority is valid, the liar invalid, and trust moves accordingly', async () => {
        const { a, liar } = await validatedTask();
        const alice = (await f.api('GET', `/api/v1/devices/${a.deviceId}`, a.token)).body.trust;
        const liarTrust = (await f.api('GET', `/api/v1/devices/${liar.deviceId}`, liar.token)).body.trust;
        expect(alice.accuracy_alpha).toBeGreaterThan(1.9);
        expect(liarTrust.accuracy_beta).toBeGreaterThan(1.9);
        expect(alice.score).toBeGreaterThan(liarTrust.score);
    });

    it('an intent pays the executor on-chain through its comment, then is never issued again', async () => {
        const { task, a } = await validatedTask();
        const res = await f.intent(a, task.task_id);
        expect(res.status).toBe(200);
        const intent = res.body;
        const gross = BigInt(task.reward_per_result);
        const split = splitPayout(gross, FEE_BPS);
        expect(intent).toMatchObject({
            task_id: task.task_id,
            to_address: task.escrow_address,
            gross_amount: gross.toString(),
            executor_reward: split.executorReward.toString(),
            platform_fee: split.platformFee.toString(),
            amount: '50000000',
        });
        // The payload is the comment's cell, and the comment carries a signature the escrow will accept.
        expect(commentTextOfCell(Cell.fromBase64(intent.payload))).toBe(intent.payload_comment);
        const fields = parseClaimComment(intent.payload_comment);
        const signed = {
            globalId: f.chain.globalId,
            escrow: Address.parse(task.escrow_address),
            fundingId: BigInt(task.funding_id as string),
            executor: a.wallet.address,
            taskId: BigInt(task.task_id),
            amount: gross,
            validUntil: intent.valid_until,
        };
        expect(verifyIntent(signed, fields.signature, f.secrets.signingKey.publicKey)).toBe(true);
        expect(intent.transaction.messages).toEqual([{ address: intent.to_address, amount: intent.amount, payload: intent.payload }]);

        const before = await a.wallet.getBalance();
        const sent = await f.sendFrom(a.wallet, intent.transaction);
        expect(sent.transactions).toHaveTransaction({ from: a.wallet.address, to: Address.parse(task.escrow_address), success: true });
        expect(sent.transactions).toHaveTransaction({ from: Address.parse(task.escrow_address), to: a.wallet.address });
        const gained = (await a.wallet.getBalance()) - before;
        // The reward arrives; the gas the claim burned is well under what was attached.
        expect(gained).toBeGreaterThan(split.executorReward - BigInt(intent.amount));
        expect(gained).toBeLessThan(split.executorReward);

        expect(await watchChainOnce(f.ctx)).toEqual({ opened: 0, claimsSeen: 1 });
        const again = await f.intent(a, task.task_id);
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('ALREADY_PAID');
    });

    it('the same intent comes back until it nears expiry, then a fresh one', async () => {
        const { task, a } = await validatedTask();
        const first = (await f.intent(a, task.task_id)).body;
        expect(first.valid_until).toBe(f.now() + INTENT_TTL_SECONDS);
        f.advance(60);
        expect((await f.intent(a, task.task_id)).body).toEqual(first);
        f.advance(INTENT_TTL_SECONDS - 60 - INTENT_MIN_REMAINING_SECONDS + 1);
        const fresh = (await f.intent(a, task.task_id)).body;
        expect(fresh.valid_until).toBe(f.now() + INTENT_TTL_SECONDS);
        expect(fresh.payload_comment).not.toBe(first.payload_comment);
    });

    it('an expired intent is not replaced once the chain shows it paid', async () => {
        const { task, b } = await validatedTask();
        const first = (await f.intent(b, task.task_id)).body;
        await f.sendFrom(b.wallet, first.transaction);
        f.advance(INTENT_TTL_SECONDS);
        // Sessions last as long as intents: log in again.
        const res = await f.intent({ ...b, token: await f.sessionOf(b.wallet.address) }, task.task_id);
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('ALREADY_PAID');
    });

    it('refuses intents to the liar, to another wallet, and for an undecided task', async () => {
        const { task, a, liar } = await validatedTask();
        const liarRes = await f.intent(liar, task.task_id);
        expect([liarRes.status, liarRes.body.error.code]).toEqual([403, 'NOT_IN_MAJORITY']);

        const forOther = await f.api('POST', '/api/v1/payments/payout-intent', liar.token, {
            task_id: task.task_id,
            executor_address: a.wallet.address.toString(),
        });
        expect([forOther.status, forOther.body.error.code]).toEqual([403, 'NOT_YOUR_WALLET']);

        const open = await f.openTask();
        const early = await f.intent(a, open.task_id);
        expect([early.status, early.body.error.code]).toEqual([409, 'TASK_NOT_VALIDATED']);
        const missing = await f.intent(a, '12345');
        expect([missing.status, missing.body.error.code]).toEqual([404, 'TASK_NOT_FOUND']);
    });
});
