// `fund`: sends the task's funding from the wallet (FundTask to the master, budget plus the escrow's reserve) and
// waits until the service has confirmed the escrow on chain and opened the task.
import { Address } from '@ton/core';
import { hasCode } from '../../client/serviceError';
import { transfersOf } from '../../client/walletTransaction';
import { RequesterContext } from '../context';
import { formatTon } from '../tonAmount';
import { loadCreated } from './fundingStore';
import { waitFor } from './waitFor';

const CONFIRM_TIMEOUT_MS = 180_000;
/** What the wallet's own transaction costs on top of what it sends, with margin. */
const WALLET_FEES = 50_000_000n;

export async function fund(ctx: RequesterContext): Promise<void> {
    const taskId = ctx.args.taskId!;
    const created = loadCreated(ctx.args.stateDir, taskId);
    const before = await ctx.client.task(taskId);
    if (before.status !== 'awaiting_escrow') {
        ctx.out.line(`task ${taskId} is ${before.status}: its escrow is funded already`);
        ctx.out.result(before);
        return;
    }
    if (!Address.parse(before.requester).equals(ctx.wallet.address)) {
        throw new Error(`task ${taskId} belongs to ${ctx.show(before.requester)}, not to this wallet ${ctx.show(ctx.wallet.address)}`);
    }
    // The transaction's validUntil is for wallet apps; the FundTask it carries has no expiry of its own.
    const transfers = transfersOf(created.funding_transaction);
    const total = transfers.reduce((sum, transfer) => sum + transfer.value, 0n);
    const sender = ctx.sender();
    const balance = await sender.balance();
    if (balance < total + WALLET_FEES) {
        throw new Error(`the wallet ${ctx.show(ctx.wallet.address)} holds ${formatTon(balance)}; funding needs ${formatTon(total)} plus up to ${formatTon(WALLET_FEES)} of fees`);
    }
    ctx.out.line(`sending ${formatTon(total)} from ${ctx.show(ctx.wallet.address)} to fund task ${taskId}…`);
    for (const transfer of transfers) await sender.send(transfer);
    const opened = await waitFor(
        async () => {
            try {
                const task = await ctx.client.confirmEscrow(taskId);
                return task.status === 'awaiting_escrow' ? null : task;
            } catch (error) {
                // Not on chain yet; or the chain watch confirmed it first.
                if (!hasCode(error, 'ESCROW_NOT_FOUND', 'TASK_NOT_AWAITING_ESCROW')) throw error;
                const task = await ctx.client.task(taskId);
                return task.status === 'awaiting_escrow' ? null : task;
            }
        },
        CONFIRM_TIMEOUT_MS,
        `the escrow confirmation of task ${taskId}`,
    );
    ctx.out.line(`task ${taskId} is ${opened.status}: escrow ${opened.escrow_address} holds its budget (fee ${opened.fee_bps} bps)`);
    ctx.out.result(opened);
}
