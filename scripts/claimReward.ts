// Claims a payout with a saved intent: the sending wallet (the executor) sends the intent's text comment to the
// task's escrow, which checks the backend's signature and pays the executor its share. Prints the escrow after.
//
//   npx blueprint run claimReward <intent.json>
//
// The file is what the backend returns for a payout intent; its shape is documented in scriptSupport/intentFile.ts:
//   { "to_address": "<escrow>", "amount": "<nanotons to attach as gas>", "payload_comment": "GSTD1 claim task=…",
//     "payload": "<base64 BOC, optional>", "executor": "<your wallet, optional>" }
// The comment is checked with the same parser the contract uses before anything is sent.
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { STATUS_OPEN } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { claimCommentCell } from '../wrappers/claimEncoding';
import { sendAndAwait } from '../scriptSupport/arrival';
import { openEscrow } from '../scriptSupport/contracts';
import { ClaimIntent, readIntentFile } from '../scriptSupport/intentFile';
import { rejectionOf } from '../scriptSupport/outcome';
import { formatAddress, formatTon, printEscrowState, printPayments } from '../scriptSupport/print';
import { senderAddress } from '../scriptSupport/sender';
import { expectArgs, UsageError } from '../scriptSupport/usage';

const USAGE = 'claimReward <intent JSON file>';

export function parseClaimArgs(args: string[]): ClaimIntent {
    const [path] = expectArgs(args, ['intent file'], USAGE);
    return readIntentFile(path);
}

/** Sends the intent's comment from the provider's wallet to the escrow and waits for the payout. */
export async function claimReward(provider: NetworkProvider, intent: ClaimIntent): Promise<void> {
    const executor = senderAddress(provider);
    if (intent.executor && !intent.executor.equals(executor)) {
        throw new UsageError(
            `the intent pays ${formatAddress(provider, intent.executor)}, but the sending wallet is ` +
                `${formatAddress(provider, executor)}; send it from the executor's wallet`,
        );
    }
    const escrow = await openEscrow(provider, intent.escrow);
    const before = await escrow.getState();
    if (before.status !== STATUS_OPEN) throw new Error(`the escrow of task ${before.taskId} is not funded yet`);
    if (before.taskId !== intent.fields.taskId) {
        throw new UsageError(`the intent is for task ${intent.fields.taskId}, but this escrow holds task ${before.taskId}`);
    }
    provider.ui().write(
        `Claiming ${formatTon(intent.fields.amount)} (before the ${before.feeBps} bps fee) from task ${before.taskId}, ` +
            `attaching ${formatTon(intent.value)} for gas.`,
    );

    const arrival = await sendAndAwait(provider, escrow.address, () =>
        provider.sender().send({ to: escrow.address, value: intent.value, body: claimCommentCell(intent.comment) }),
    );
    const rejected = rejectionOf(arrival, 'Claim', 'TaskEscrow');
    if (rejected) {
        printEscrowState(provider, escrow.address, await escrow.getState());
        throw rejected;
    }
    if (arrival.kind === 'processed') {
        provider.ui().write('Claim paid (your share plus the unused gas comes to you):');
        const roles = { you: executor, treasury: before.treasury, requester: before.requester };
        printPayments(provider, arrival.transaction, roles);
    }
    if (await provider.isContractDeployed(escrow.address)) {
        printEscrowState(provider, escrow.address, await escrow.getState());
    } else {
        provider.ui().write('Nothing more can be paid (last slot or whole budget): the escrow closed itself and no longer exists.');
    }
}

export async function run(provider: NetworkProvider, args: string[]) {
    await claimReward(provider, parseClaimArgs(args));
}
