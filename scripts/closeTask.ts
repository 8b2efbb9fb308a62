// Closes a task after its deadline: the escrow sends the accrued fees to the treasury and everything else to the
// requester, then destroys itself. Anyone may close; a closer other than the requester gets its unused gas back.
//
//   npx blueprint run closeTask <escrow address>
//   npx blueprint run closeTask <master address> <task id>
//
// Before sending it checks that the address holds a funded TaskEscrow, that its deadline has passed (the escrow
// refuses a close until then; one whose slots are all paid or budget spent has closed itself already), and that the
// wallet can pay; any of these refuses with one line and sends nothing.
import { Address, toNano } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { STATUS_OPEN } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { sendAndAwait } from '../scriptSupport/arrival';
import { escrowOfTask, openEscrow, openMaster } from '../scriptSupport/contracts';
import { rejectionOf } from '../scriptSupport/outcome';
import { parseAddress, parseTaskId } from '../scriptSupport/parse';
import { describeTime, networkNow } from '../scriptSupport/networkTime';
import { formatAddress, formatTon, printEscrowState, printPayments } from '../scriptSupport/print';
import { runScript } from '../scriptSupport/runScript';
import { refuseIf } from '../scriptSupport/scriptError';
import { senderAddress } from '../scriptSupport/sender';
import { UsageError } from '../scriptSupport/usage';
import { requireSpendable } from '../scriptSupport/wallet';
import { closeTaskMessage } from '../wrappers/taskEscrowMessages';

const USAGE = 'closeTask <escrow address> | closeTask <master address> <task id>';

/** Value attached to CloseTask: gas for the close and its two payments. Unused gas returns to the closer. */
export const CLOSE_VALUE = toNano('0.05');

export type CloseTarget = { escrow: Address } | { master: Address; taskId: bigint };

export function parseCloseArgs(args: string[]): CloseTarget {
    if (args.length === 1) return { escrow: parseAddress(args[0], 'escrow') };
    if (args.length === 2) return { master: parseAddress(args[0], 'master'), taskId: parseTaskId(args[1]) };
    throw new UsageError(`expected 1 or 2 arguments, got ${args.length}; usage: ${USAGE}`);
}

async function escrowAddressOf(provider: NetworkProvider, target: CloseTarget): Promise<Address> {
    if ('escrow' in target) return target.escrow;
    return (await escrowOfTask(provider, await openMaster(provider, target.master), target.taskId)).address;
}

/** Sends CloseTask to the escrow and reports where its money went. */
export async function closeTask(provider: NetworkProvider, target: CloseTarget): Promise<void> {
    const closer = senderAddress(provider);
    await requireSpendable(provider, CLOSE_VALUE);
    const escrow = await openEscrow(provider, await escrowAddressOf(provider, target));
    const before = await escrow.getState();
    // CloseTask's checks in contracts/task_escrow.tact.
    refuseIf(before.status !== STATUS_OPEN, () => `the escrow of task ${before.taskId} was never funded (ERR_NOT_FUNDED)`);
    const now = networkNow(provider);
    refuseIf(
        now <= before.deadline,
        () =>
            `task ${before.taskId} can be closed only after its deadline ${describeTime(before.deadline, now)} ` +
            '(ERR_CLOSE_TOO_EARLY)',
    );
    provider.ui().write(
        `Closing task ${before.taskId}: ${formatTon(before.feesAccrued)} of fees, ${formatTon(before.remaining)} unclaimed.`,
    );

    const arrival = await sendAndAwait(provider, escrow.address, () =>
        escrow.send(provider.sender(), { value: CLOSE_VALUE }, closeTaskMessage()),
    );
    const rejected = rejectionOf(arrival, 'CloseTask', 'TaskEscrow', closer);
    if (rejected) {
        printEscrowState(provider, escrow.address, await escrow.getState());
        throw rejected;
    }
    provider.ui().write(`Task ${before.taskId} closed; the escrow ${formatAddress(provider, escrow.address)} is destroyed.`);
    if (arrival.kind === 'processed') {
        const roles = { treasury: before.treasury, requester: before.requester, you: closer };
        printPayments(provider, arrival.transaction, roles);
    }
}

export const run = runScript((provider, args) => closeTask(provider, parseCloseArgs(args)));
