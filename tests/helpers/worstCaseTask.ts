// The longest, fullest task an escrow can hold, and what its reserve pays for: every result slot but one claimed
// through a relayer right after funding (so the paid-executor record is full for the whole life), the deadline at
// MAX_TASK_DURATION, and a stranger closing a second after it. Shared by the storage test and `npm run bench:reserve`.
import { Address, toNano } from '@ton/core';
import { findTransactionRequired } from '@ton/test-utils';
import { ESCROW_RESERVE, MAX_RESULT_SLOTS, MAX_TASK_DURATION } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { buildClaimRewardBody } from '../../wrappers/claimEncoding';
import { closeTaskMessage } from '../../wrappers/taskEscrowMessages';
import { escrowFixture, HOUR, T0 } from './escrowFixture';
import { feesBurned, sentTo, storageFees } from './valueFlow';

export interface ReserveUse {
    budget: bigint;
    claimed: bigint;
    /** What the requester got back at the close. */
    refund: bigint;
    /** Master and set-up gas and the deploy message's forwarding, paid from the funding value. */
    funding: bigint;
    /** Storage rent the escrow paid over its whole life. */
    storage: bigint;
    /** Forwarding of the close's messages to the treasury and the requester: the rest of what the reserve spent. */
    closing: bigint;
    /** What the reserve had left for the requester: refund - (budget - claimed). */
    reserveLeft: bigint;
}

export async function worstCaseTask(): Promise<ReserveUse> {
    const f = await escrowFixture({ feeBps: 500n });
    const budget = toNano('1');
    const deadline = T0 + Number(MAX_TASK_DURATION);
    const { result: funded, escrow } = await f.fundTask({
        taskId: 77n,
        budget,
        maxResults: MAX_RESULT_SLOTS,
        deadline: BigInt(deadline),
        value: budget + ESCROW_RESERVE,
    });
    const masterTx = findTransactionRequired(funded.transactions, { to: f.master.address, success: true });
    const setupTx = findTransactionRequired(funded.transactions, { to: escrow.address, success: true });
    const txs = [setupTx];

    const amount = toNano('0.01');
    let claimed = 0n;
    for (let i = 1; i < Number(MAX_RESULT_SLOTS); i++) {
        const executor = new Address(0, Buffer.alloc(32, i));
        const signed = f.intentFor(escrow.address, executor, amount, { taskId: 77n, validUntil: T0 + HOUR });
        const result = await f.relayer.send({
            to: escrow.address,
            value: toNano('0.03'),
            body: buildClaimRewardBody(signed.intent, signed.signature),
        });
        txs.push(findTransactionRequired(result.transactions, { from: f.relayer.address, to: escrow.address, success: true }));
        claimed += amount;
    }

    f.blockchain.now = deadline + 1;
    const closed = await escrow.send(f.stranger.getSender(), { value: toNano('0.03') }, closeTaskMessage());
    const closeTx = findTransactionRequired(closed.transactions, { from: f.stranger.address, to: escrow.address, success: true });
    txs.push(closeTx);

    const refund = sentTo(closeTx, f.requester.address).reduce((sum, m) => sum + m.value, 0n);
    const funding = feesBurned(masterTx) - storageFees(masterTx) + feesBurned(setupTx) - storageFees(setupTx);
    const storage = txs.reduce((sum, tx) => sum + storageFees(tx), 0n);
    const reserveLeft = refund - (budget - claimed);
    // Relayers paid for their own claims in full, so what else the reserve spent is the close's forwarding.
    return { budget, claimed, refund, funding, storage, closing: ESCROW_RESERVE - funding - storage - reserveLeft, reserveLeft };
}
