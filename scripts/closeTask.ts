// Closes a task after its deadline: the escrow sends the accrued fees to the treasury and everything else to the
// requester, then destroys itself. Anyone may close; a closer other than the requester gets its unused gas back.
//
//   npx blueprint run closeTask <escrow address>
//   npx blueprint run closeTask <master address> <task id>
import { Address, toNano } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAndAwait } from '../scriptSupport/arrival';
import { escrowOfTask, openEscrow, openMaster } from '../scriptSupport/contracts';
import { rejectionOf } from '../scriptSupport/outcome';
import { parseAddress, parseTaskId } from '../scriptSupport/parse';
import { formatAddress, formatTon, printEscrowState, printPayments } from '../scriptSupport/print';
import { senderAddress } from '../scriptSupport/sender';
import { UsageError } from '../scriptSupport/usage';
import { closeTaskMessage } from '../wrappers/taskEscrowMessages';

const USAGE = 'closeTask <escrow address> | closeTask <master address> <task id>';

/** Value attached to CloseTask: gas for the close and its two payments. Unused gas returns to the closer. */
export const CLOSE_VALUE = toNano('0.05');

export type CloseTarget = { escrow: Address } | { master: Address; taskId: bigint };

export function parseCloseArgs(args: string[]): CloseTarget {
    if (args.length === 1) return { escrow: parseAddress(args[0], 'escrow') };
    if (args.length === 2) return { master: parseAddress(args[0], 'master'), taskId: parseTaskId(args[1]) };
    throw new UsageError(`expected 1 or 2 arguments, got ${args.length}\nusage: ${USAGE}`);
}

async function escrowAddressOf(provider: NetworkProvider, target: CloseTarget): Promise<Address> {
    if ('escrow' in target) return target.escrow;
    return (await escrowOfTask(provider, await openMaster(provider, target.master), target.taskId)).address;
}

/** Sends CloseTask to the escrow and reports where its money went. */
export async function closeTask(provider: NetworkProvider, target: CloseTarget): Promise<void> {
    const closer = senderAddress(provider);
    const escrow = await openEscrow(provider, await escrowAddressOf(provider, target));
    const before = await escrow.getState();
    provider.ui().write(
        `Closing task ${before.taskId}: ${formatTon(before.feesAccrued)} of fees, ${formatTon(before.remaining)} unclaimed.`,
    );

    const arrival = await sendAndAwait(provider, escrow.address, () =>
        escrow.send(provider.sender(), { value: CLOSE_VALUE }, closeTaskMessage()),
    );
    const rejected = rejectionOf(arrival, 'CloseTask', 'TaskEscrow');
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

export async function run(provider: NetworkProvider, args: string[]) {
    await closeTask(provider, parseCloseArgs(args));
}
