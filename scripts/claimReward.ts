// Claims a payout with a saved intent: the sending wallet (the executor) sends the intent's text comment to the
// task's escrow, which checks the backend's signature and pays the executor its share. Prints the payout and the
// escrow after.
//
//   npx blueprint run claimReward <intent.json>
//
// The file is what the backend returns for a payout intent; its shape is documented in scriptSupport/intentFile.ts:
//   { "to_address": "<escrow>", "amount": "<nanotons to attach as gas>", "payload_comment": "GSTD1 claim task=…",
//     "payload": "<base64 BOC, optional>", "executor": "<your wallet, optional>" }
// The comment is checked with the same parser the contract uses, and the claim with the escrow's rules in the order
// contracts/task_escrow.tact applies them (funded, amount, expiry, already paid, deadline, signature, slots, budget),
// before anything is sent; a claim the escrow would refuse is refused here with one line, sending nothing.
import { Address, Cell, OpenedContract } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { EscrowState, STATUS_OPEN, TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { claimCommentCell, verifyIntent } from '../wrappers/claimEncoding';
import { hasPaid } from '../wrappers/taskEscrowStorage';
import { sendAndAwait } from '../scriptSupport/arrival';
import { openEscrow } from '../scriptSupport/contracts';
import { ClaimIntent, readIntentFile } from '../scriptSupport/intentFile';
import { possibleGlobalIds } from '../scriptSupport/networkGlobalId';
import { describeTime, networkNow } from '../scriptSupport/networkTime';
import { rejectionOf, valueSentTo } from '../scriptSupport/outcome';
import { formatAddress, formatTon, printEscrowState, printPayments } from '../scriptSupport/print';
import { runScript } from '../scriptSupport/runScript';
import { refuseIf } from '../scriptSupport/scriptError';
import { senderAddress } from '../scriptSupport/sender';
import { expectArgs, UsageError } from '../scriptSupport/usage';
import { requireSpendable } from '../scriptSupport/wallet';

const USAGE = 'claimReward <intent JSON file>';

export function parseClaimArgs(args: string[]): ClaimIntent {
    const [path] = expectArgs(args, ['intent file'], USAGE);
    return readIntentFile(path);
}

/** The escrow's claim rules (TaskEscrow.pay) for `intent` sent by `executor`, against what the chain shows now. */
async function checkClaimRules(
    provider: NetworkProvider,
    escrow: OpenedContract<TaskEscrow>,
    state: EscrowState,
    intent: ClaimIntent,
    executor: Address,
): Promise<void> {
    const task = state.taskId;
    const now = networkNow(provider);
    const { amount, validUntil, signature } = intent.fields;
    refuseIf(state.status !== STATUS_OPEN, () => `the escrow of task ${task} is not funded yet (ERR_NOT_FUNDED)`);
    refuseIf(amount === 0n, () => 'the intent pays 0 (ERR_ZERO_AMOUNT)');
    refuseIf(
        now > BigInt(validUntil),
        () => `the intent expired at ${describeTime(BigInt(validUntil), now)}; ask for a new one (ERR_INTENT_EXPIRED)`,
    );
    refuseIf(executor.workChain !== 0, () => 'the sending wallet is off the basechain (ERR_EXECUTOR_NOT_BASECHAIN)');
    const account = await provider.getContractState(escrow.address);
    const data = account.state.type === 'active' && account.state.data ? account.state.data : null;
    refuseIf(
        data !== null && hasPaid(Cell.fromBoc(data)[0], executor),
        () => `task ${task} has already paid ${formatAddress(provider, executor)} (ERR_ALREADY_CLAIMED)`,
    );
    refuseIf(now > state.deadline, () => `task ${task}'s deadline ${describeTime(state.deadline, now)} has passed (ERR_PAST_DEADLINE)`);
    const signed = { escrow: escrow.address, fundingId: state.fundingId, executor, taskId: task, amount, validUntil };
    const backendKey = Buffer.from(state.backendKey.toString(16).padStart(64, '0'), 'hex');
    const verifies = (await possibleGlobalIds(provider)).some((globalId) =>
        verifyIntent({ ...signed, globalId }, signature, backendKey),
    );
    refuseIf(
        !verifies,
        () =>
            `the intent's signature does not verify for the sending wallet ${formatAddress(provider, executor)} on ` +
            "this funding of the escrow with its backend key: it was issued for another wallet, another funding or " +
            'another network (ERR_BAD_SIGNATURE)',
    );
    refuseIf(state.slotsUsed >= state.maxResults, () => `every result slot of task ${task} is paid (ERR_NO_SLOTS)`);
    refuseIf(
        amount > state.remaining,
        () => `the intent pays ${formatTon(amount)}, more than the ${formatTon(state.remaining)} left (ERR_OVER_BUDGET)`,
    );
}

/** Sends the intent's comment from the provider's wallet to the escrow and waits for the payout. */
export async function claimReward(provider: NetworkProvider, intent: ClaimIntent): Promise<void> {
    const executor = senderAddress(provider);
    await requireSpendable(provider, intent.value);
    if (intent.executor && !intent.executor.equals(executor)) {
        throw new UsageError(
            `the intent pays ${formatAddress(provider, intent.executor)}, but the sending wallet is ` +
                `${formatAddress(provider, executor)}; send it from the executor's wallet`,
        );
    }
    const escrow = await openEscrow(provider, intent.escrow);
    const before = await escrow.getState();
    if (before.status === STATUS_OPEN && before.taskId !== intent.fields.taskId) {
        throw new UsageError(`the intent is for task ${intent.fields.taskId}, but this escrow holds task ${before.taskId}`);
    }
    await checkClaimRules(provider, escrow, before, intent, executor);
    provider.ui().write(
        `Claiming ${formatTon(intent.fields.amount)} (before the ${before.feeBps} bps fee) from task ${before.taskId}, ` +
            `attaching ${formatTon(intent.value)} for gas.`,
    );

    const arrival = await sendAndAwait(provider, escrow.address, () =>
        provider.sender().send({ to: escrow.address, value: intent.value, body: claimCommentCell(intent.comment) }),
    );
    const rejected = rejectionOf(arrival, 'Claim', 'TaskEscrow', executor);
    if (rejected) {
        printEscrowState(provider, escrow.address, await escrow.getState());
        throw rejected;
    }
    if (arrival.kind === 'processed') {
        const received = valueSentTo(arrival.transaction, executor);
        provider.ui().write(`Claim paid: you received ${formatTon(received)} (your share plus the unused gas):`);
        const roles = { you: executor, treasury: before.treasury, requester: before.requester };
        printPayments(provider, arrival.transaction, roles);
    }
    if (await provider.isContractDeployed(escrow.address)) {
        printEscrowState(provider, escrow.address, await escrow.getState());
    } else {
        provider.ui().write('Nothing more can be paid (last slot or whole budget): the escrow closed itself and no longer exists.');
    }
}

export const run = runScript((provider, args) => claimReward(provider, parseClaimArgs(args)));
