// `close`: after the deadline, sends the close transaction from the wallet and waits until the escrow is gone;
// what it held for results comes back to the requester, its accrued fees go to the treasury.
import { sendTransaction, transfersOf } from '../../client/walletTransaction';
import { RequesterContext } from '../context';
import { formatTon } from '../tonAmount';
import { waitFor } from './waitFor';

const CLOSE_TIMEOUT_MS = 120_000;
const WALLET_FEES = 50_000_000n;

export async function close(ctx: RequesterContext): Promise<void> {
    const taskId = ctx.args.taskId!;
    const close = await ctx.client.closeTransaction(taskId);
    const refund = BigInt(close.remaining);
    ctx.out.line(`closing escrow ${close.escrow_address} of task ${taskId}: ${formatTon(refund)} to come back, ${formatTon(close.fees_accrued)} of fees to the treasury…`);
    const sender = ctx.sender();
    const balanceBefore = await sender.balance();
    await sendTransaction(sender, close.transaction);
    await waitFor(async () => ((await ctx.client.escrow(taskId)).deployed ? null : true), CLOSE_TIMEOUT_MS, `the close of task ${taskId}'s escrow`);
    // The refund may reach the wallet a block after the escrow is gone; what the close cost is at most its
    // attached value and the wallet's fees.
    const costs = transfersOf(close.transaction).reduce((sum, transfer) => sum + transfer.value, WALLET_FEES);
    const balanceAfter = await waitFor(async () => {
        const balance = await sender.balance();
        return balance + costs >= balanceBefore + refund ? balance : null;
    }, CLOSE_TIMEOUT_MS, `the refund's arrival`);
    ctx.out.line(`closed: refund ${formatTon(refund)} to ${ctx.show(ctx.wallet.address)} (balance ${formatTon(balanceBefore)} → ${formatTon(balanceAfter)})`);
    ctx.out.result({
        task_id: taskId,
        escrow_address: close.escrow_address,
        refund: refund.toString(),
        fees_accrued: close.fees_accrued,
        balance_before: balanceBefore.toString(),
        balance_after: balanceAfter.toString(),
    });
}
