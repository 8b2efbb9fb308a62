// The escrow's gas, measured in a fresh sandbox per scenario. Shared by `npm run bench:gas` and the
// gas-ceiling test, so the numbers in docs and the ones CI enforces come from the same code.
import { Address, toNano } from '@ton/core';
import { SendMessageResult } from '@ton/sandbox';
import { buildClaimComment, buildClaimRewardBody, claimCommentCell } from '../../wrappers/claimEncoding';
import { ERR_ALREADY_CLAIMED } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { escrowFixture, HOUR } from '../../tests/helpers/escrowFixture';
import { closeTaskMessage } from '../../wrappers/taskEscrowMessages';

export interface GasReport {
    fund: number;
    claimBinary: number;
    claimBinaryRelayed: number;
    claimText: number;
    claimTextBase64: number;
    replayRejected: number;
    closeDeadline: number;
    closeLast: number;
}

/** Compute gas of the transaction `address` ran in `result`, which must end with `exitCode`. */
function gasAt(result: SendMessageResult, address: Address, exitCode = 0): number {
    const tx = result.transactions.find((t) => t.inMessage?.info.dest?.toString() === address.toString());
    if (!tx) throw new Error(`no transaction at ${address}`);
    const d = tx.description;
    if (d.type !== 'generic' || d.computePhase.type !== 'vm') throw new Error('transaction has no VM compute phase');
    if (d.computePhase.exitCode !== exitCode) {
        throw new Error(`expected exit code ${exitCode} at ${address}, got ${d.computePhase.exitCode}`);
    }
    return Number(d.computePhase.gasUsed);
}

export async function measureGas(): Promise<GasReport> {
    const f = await escrowFixture();
    const amount = toNano('1');

    const funded = await f.fundTask({ taskId: 1n, maxResults: 3n });
    const fund = gasAt(funded.result, f.master.address) + gasAt(funded.result, funded.escrow.address);
    const escrow = funded.escrow;

    const text = f.intentFor(escrow.address, f.worker.address, amount, { taskId: 1n });
    const claimText = gasAt(
        await f.worker.send({ to: escrow.address, value: toNano('0.05'), body: text.body }),
        escrow.address,
    );

    const own = f.intentFor(escrow.address, f.worker2.address, amount, { taskId: 1n });
    const claimBinary = gasAt(
        await f.worker2.send({ to: escrow.address, value: toNano('0.05'), body: buildClaimRewardBody(own.intent, own.signature) }),
        escrow.address,
    );
    const replayRejected = gasAt(
        await f.relayer.send({ to: escrow.address, value: toNano('0.05'), body: buildClaimRewardBody(own.intent, own.signature) }),
        escrow.address,
        Number(ERR_ALREADY_CLAIMED),
    );

    // The third claim fills the last slot: payout, fees to the treasury, the rest to the requester.
    const last = f.intentFor(escrow.address, f.stranger.address, amount, { taskId: 1n });
    const closeLast = gasAt(
        await f.stranger.send({ to: escrow.address, value: toNano('0.05'), body: last.body }),
        escrow.address,
    );

    const relayedTask = await f.fundTask({ taskId: 2n, maxResults: 3n });
    const relayed = f.intentFor(relayedTask.escrow.address, f.worker.address, amount, { taskId: 2n });
    const claimBinaryRelayed = gasAt(
        await f.relayer.send({
            to: relayedTask.escrow.address,
            value: toNano('0.05'),
            body: buildClaimRewardBody(relayed.intent, relayed.signature),
        }),
        relayedTask.escrow.address,
    );
    const b64 = f.intentFor(relayedTask.escrow.address, f.worker2.address, amount, { taskId: 2n });
    const claimTextBase64 = gasAt(
        await f.worker2.send({
            to: relayedTask.escrow.address,
            value: toNano('0.05'),
            body: claimCommentCell(buildClaimComment({ ...b64.intent, signature: b64.signature }, 'base64url')),
        }),
        relayedTask.escrow.address,
    );
    f.blockchain.now = Number(relayedTask.terms.deadline) + HOUR;
    const closeDeadline = gasAt(
        await relayedTask.escrow.send(f.requester.getSender(), { value: toNano('0.05') }, closeTaskMessage()),
        relayedTask.escrow.address,
    );

    return { fund, claimBinary, claimBinaryRelayed, claimText, claimTextBase64, replayRejected, closeDeadline, closeLast };
}
