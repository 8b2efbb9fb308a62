// A task opens only on an escrow with exactly its terms, funded by its requester: by the confirm call or the chain watch.
import { Address, toNano } from '@ton/core';
import { watchChainOnce } from '../../../backend/src/service/background';
import { FEE_BPS, serviceFixture, ServiceFixture } from './serviceFixture';
import { claimAll, confirm, fundWithTerms, refusedUnchanged, storeSnapshot, taskView, workers } from './serviceSteps';

describe('escrow confirmation', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    async function created() {
        const res = await f.createTask();
        expect(res.status).toBe(201);
        return res.body;
    }

    it('a task with no escrow funded yet stays awaiting it', async () => {
        const task = await created();
        await refusedUnchanged(f, () => confirm(f, task.task_id), 409, 'ESCROW_NOT_FOUND');
        expect(await taskView(f, task.task_id)).toMatchObject({ status: 'awaiting_escrow', escrow_problem: null, funding_id: null });
    });

    it.each([
        ['deadline', (t: { deadline: number }) => ({ deadline: BigInt(t.deadline - 600) })],
        ['budget', () => ({ budget: toNano('4') })],
        ['result slots', (t: { max_results: number }) => ({ maxResults: BigInt(t.max_results - 1) })],
    ] as const)('an escrow the requester funded with another %s is a mismatch naming that field', async (field, change) => {
        const task = await created();
        const terms = change(task);
        await fundWithTerms(f, task, terms);
        const actual = Object.values(terms)[0].toString();
        const wanted = { deadline: String(task.deadline), budget: task.budget, 'result slots': String(task.max_results) }[field];

        const res = await confirm(f, task.task_id);
        expect([res.status, res.body.error]).toEqual([
            409,
            { code: 'ESCROW_MISMATCH', message: `the escrow's ${field} is ${actual}, the task's is ${wanted}` },
        ]);
        expect(await taskView(f, task.task_id)).toMatchObject({
            status: 'awaiting_escrow',
            escrow_problem: res.body.error.message,
            funding_id: null,
            fee_bps: null,
        });
    });

    it('an escrow funded by another wallet is a requester mismatch', async () => {
        const task = await created();
        const stranger = await f.blockchain.treasury('stranger');
        await f.sendFrom(stranger, task.funding_transaction);

        const res = await confirm(f, task.task_id);
        const message = `the escrow's requester is ${stranger.address.toRawString()}, the task's is ${f.requester.address.toRawString()}`;
        expect([res.status, res.body.error]).toEqual([409, { code: 'ESCROW_MISMATCH', message }]);
        expect(await taskView(f, task.task_id)).toMatchObject({ status: 'awaiting_escrow', escrow_problem: message });
    });

    it('nobody but the requester can confirm', async () => {
        const task = await created();
        await f.sendFrom(f.requester, task.funding_transaction);
        const stranger = await f.sessionOf((await f.blockchain.treasury('stranger')).address);
        await refusedUnchanged(f, () => confirm(f, task.task_id, stranger), 403, 'NOT_YOUR_TASK');
        expect((await taskView(f, task.task_id)).status).toBe('awaiting_escrow');
    });

    it('the requester confirms a matching escrow, and confirming again changes nothing', async () => {
        const task = await created();
        await f.sendFrom(f.requester, task.funding_transaction);
        const first = await confirm(f, task.task_id);
        expect(first.status).toBe(200);
        const escrow = await f.chain.escrowState(Address.parse(task.escrow_address));
        expect(first.body).toMatchObject({
            status: 'open',
            escrow_problem: null,
            fee_bps: Number(FEE_BPS),
            funding_id: escrow!.fundingId.toString(),
        });

        const stored = await storeSnapshot(f);
        f.advance(30);
        const again = await confirm(f, task.task_id);
        expect([again.status, again.body]).toEqual([200, first.body]);
        expect(await storeSnapshot(f)).toEqual(stored);
    });

    it('a validating task cannot be confirmed again', async () => {
        const task = await f.openTask({ redundancy: 2 });
        await claimAll(f, await workers(f, ['alice', 'bob']), task.task_id);
        await refusedUnchanged(f, () => confirm(f, task.task_id), 409, 'TASK_NOT_AWAITING_ESCROW');
    });

    it('the chain watch opens a funded task without the confirm call, and records a mismatch on another', async () => {
        const matching = await created();
        const mismatched = await created();
        const unfunded = await created();
        await f.sendFrom(f.requester, matching.funding_transaction);
        await fundWithTerms(f, mismatched, { deadline: BigInt(mismatched.deadline + 60) });

        expect(await watchChainOnce(f.ctx)).toEqual({ opened: 1, claimsSeen: 0 });
        const escrow = await f.chain.escrowState(Address.parse(matching.escrow_address));
        expect(await taskView(f, matching.task_id)).toMatchObject({
            status: 'open',
            funding_id: escrow!.fundingId.toString(),
            fee_bps: Number(FEE_BPS),
        });
        expect(await taskView(f, mismatched.task_id)).toMatchObject({
            status: 'awaiting_escrow',
            escrow_problem: `the escrow's deadline is ${mismatched.deadline + 60}, the task's is ${mismatched.deadline}`,
        });
        expect(await taskView(f, unfunded.task_id)).toMatchObject({ status: 'awaiting_escrow', escrow_problem: null });
    });
});
