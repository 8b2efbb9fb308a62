// A task id can be funded again after its escrow closed. Intents are bound to one funding (its funding id),
// so nothing signed for the earlier funding pays on the later one.
import { toNano } from '@ton/core';
import '@ton/test-utils';
import { ERR_BAD_SIGNATURE } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { escrowFixture, EscrowFixture } from './helpers/escrowFixture';

describe('re-funding a closed task id', () => {
    let f: EscrowFixture;

    beforeEach(async () => {
        f = await escrowFixture();
    });

    it('a fresh intent pays on the new funding', async () => {
        const first = await f.fundTask({ taskId: 7n, maxResults: 1n });
        const old = f.intentFor(first.escrow.address, f.worker.address, toNano('1'), { taskId: 7n });
        await f.worker.send({ to: first.escrow.address, value: toNano('0.05'), body: old.body });

        const second = await f.fundTask({ taskId: 7n, maxResults: 1n });
        expect(second.escrow.address.equals(first.escrow.address)).toBe(true);
        expect(f.fundingIdOf(second.escrow.address)).not.toBe(old.intent.fundingId);

        const fresh = f.intentFor(second.escrow.address, f.worker.address, toNano('1'), { taskId: 7n });
        const result = await f.worker.send({ to: second.escrow.address, value: toNano('0.05'), body: fresh.body });
        expect(result.transactions).toHaveTransaction({ from: second.escrow.address, to: f.worker.address, success: true });
    });

    it('an intent from the closed funding cannot be replayed on the new one', async () => {
        const first = await f.fundTask({ taskId: 7n, maxResults: 1n });
        const old = f.intentFor(first.escrow.address, f.worker.address, toNano('1'), { taskId: 7n });
        const paid = await f.worker.send({ to: first.escrow.address, value: toNano('0.05'), body: old.body });
        expect(paid.transactions).toHaveTransaction({ from: first.escrow.address, to: f.worker.address, success: true });

        const second = await f.fundTask({ taskId: 7n, maxResults: 1n });
        const replay = await f.worker.send({ to: second.escrow.address, value: toNano('0.05'), body: old.body });
        expect(replay.transactions).toHaveTransaction({
            from: f.worker.address,
            to: second.escrow.address,
            aborted: true,
            exitCode: Number(ERR_BAD_SIGNATURE),
        });
        expect((await second.escrow.getState()).remaining).toBe(toNano('3'));
    });
});
