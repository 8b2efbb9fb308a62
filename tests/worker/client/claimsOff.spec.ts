// A worker with claims off: it submits and, with maxTasks, is done once its results are in, without waiting for a
// decision; no claim leaves its wallet, and its reward stays the executor's to claim by hand with the payout intent.
import { Address } from '@ton/core';
import { PayoutIntent, PayoutList, TaskView } from '../../../protocol';
import { claimTransferOf } from '../../../client/claimTransfer';
import { splitPayout } from '../../../backend/src/domain';
import { FEE_BPS } from '../../backend/service/serviceFixture';
import { sandboxClaimSender } from './sandboxClaimSender';
import { eventsOf, workerHarness, WorkerHarness } from './workerHarness';

describe('WorkerClient with claims off', () => {
    let h: WorkerHarness;
    afterEach(async () => h.close());

    it('is done after its submission, sends no claim, and leaves a reward the executor claims with the intent', async () => {
        h = await workerHarness();
        const { f } = h;
        const sha256 = await h.uploadModule('hash-chain');
        const carol = await h.newWorker('carol', { maxTasks: 1, overrides: { claims: 'off' } });
        const carolDone = new Promise<void>((resolve) => carol.client.once('done', resolve));
        await carol.client.start();

        // Two agreeing results are needed: carol's alone decides nothing, yet it is all her maxTasks waits for.
        const task = await h.openTask({ operation: 'hash-chain', module_sha256: sha256, input: { seed: 3, rounds: 100 }, redundancy: 2 });
        await carolDone;
        expect(eventsOf(carol.events, 'submitted').map((s) => s.task_id)).toEqual([task.task_id]);
        expect((await f.api('GET', `/api/v1/tasks/${task.task_id}`, f.requesterToken)).body.status).toBe('open');

        const peer = await h.newWorker('peer', { maxTasks: 1 });
        const peerDone = new Promise<void>((resolve) => peer.client.once('done', resolve));
        await peer.client.start();
        await peerDone;
        const view = (await f.api('GET', `/api/v1/tasks/${task.task_id}`, f.requesterToken)).body as TaskView;
        expect(view.status).toBe('validated');

        // Nothing left carol's wallet: it was never even deployed, and the escrow paid the peer alone.
        const escrow = Address.parse(task.escrow_address);
        expect(eventsOf(carol.events, 'claim_sent')).toEqual([]);
        expect((await f.blockchain.getContract(carol.wallet.address)).accountState?.type).not.toBe('active');
        expect((await f.chain.claimsOf(escrow)).map((c) => c.executor.toRawString())).toEqual([peer.wallet.address.toRawString()]);
        const summary = await carol.client.summary();
        expect(summary.earnings).toMatchObject({ tasks_paid: 0, paid: [], not_paid: [], left_to_claim: [task.task_id], balance_delta: '0' });

        // The Payouts view lists the reward as carol's, unpaid; the service issues her intent, which, sent by hand
        // from her wallet, pays her.
        const carolToken = await f.sessionOf(carol.wallet.address);
        const reward = splitPayout(BigInt(task.reward_per_result), FEE_BPS).executorReward;
        const { payouts } = (await f.api('GET', '/api/v1/payouts', carolToken)).body as PayoutList;
        expect(payouts).toEqual([expect.objectContaining({ task_id: task.task_id, executor_reward: reward.toString(), paid: null })]);
        const asked = { task_id: task.task_id, executor_address: carol.wallet.address.toRawString() };
        const intent = await f.api('POST', '/api/v1/payments/payout-intent', carolToken, asked);
        expect(intent.status).toBe(200);
        expect(intent.body).toMatchObject({ task_id: task.task_id, executor_reward: reward.toString() });
        await sandboxClaimSender(f.blockchain, carol.wallet, f.now).send(claimTransferOf(intent.body as PayoutIntent, view));
        const paid = (await f.chain.claimsOf(escrow)).map((c) => c.executor.toRawString());
        expect(paid.sort()).toEqual([carol.wallet.address.toRawString(), peer.wallet.address.toRawString()].sort());
    });
});
