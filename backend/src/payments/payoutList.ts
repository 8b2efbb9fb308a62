// The rewards a wallet has earned: every validated task (with an escrow) where its result is valid, with the split,
// the current intent's expiry and what the chain shows paid. Read from the store only; the chain watch keeps
// claims_paid current.
import { Address } from '@ton/core';
import { splitPayout } from '../domain';
import { ServiceContext } from '../service/context';
import { decodeCursor, Page, pageOf } from '../service/pageCursor';
import { TaskRow, taskOfRow } from '../tasks/taskRecord';

export interface PayoutRecord {
    taskId: string;
    operation: string;
    escrow: Address;
    grossAmount: bigint;
    executorReward: bigint;
    platformFee: bigint;
    deadline: number;
    intentValidUntil: number | null;
    paid: { amount: bigint; txHash: string } | null;
}

/** A validated task joined with the wallet's intent and paid claim. */
interface PayoutRow extends TaskRow {
    intent_valid_until: number | null;
    paid_amount: string | null;
    paid_tx_hash: string | null;
}

const PAYOUT_LIST = 'payouts';

/**
 * Newest decisions first, a page at a time. A validated task is final, so its decision time (updated_at) never
 * changes: with the task id it is a stable keyset position.
 */
export async function payoutsOf(ctx: ServiceContext, wallet: Address, limit: number, cursor?: string): Promise<Page<PayoutRecord>> {
    const select = `SELECT t.*, i.valid_until AS intent_valid_until, c.amount AS paid_amount, c.tx_hash AS paid_tx_hash
         FROM results r
         JOIN tasks t ON t.id = r.task_id
         LEFT JOIN payout_intents i ON i.task_id = r.task_id AND i.executor = r.wallet
         LEFT JOIN claims_paid c ON c.task_id = r.task_id AND c.executor = r.wallet
         WHERE r.wallet = ? AND r.verdict = 'valid' AND t.status = 'validated' AND t.spot_check_id IS NULL`;
    const order = 'ORDER BY t.updated_at DESC, t.id DESC LIMIT ?';
    const raw = wallet.toRawString();
    let rows: PayoutRow[];
    if (cursor === undefined) {
        rows = await ctx.store.all<PayoutRow>(`${select} ${order}`, raw, limit + 1);
    } else {
        const after = decodeCursor(PAYOUT_LIST, cursor);
        rows = await ctx.store.all<PayoutRow>(`${select} AND (t.updated_at, t.id) < (?, ?) ${order}`, raw, after.sortKey, after.id, limit + 1);
    }
    const page = pageOf(PAYOUT_LIST, rows, limit, (row) => ({ sortKey: row.updated_at, id: row.id }));
    return { items: page.items.map(payoutOfRow), nextCursor: page.nextCursor };
}

function payoutOfRow(row: PayoutRow): PayoutRecord {
    const task = taskOfRow(row);
    // A validated task with an escrow has its confirmed fee; the split is the one its intents are signed with.
    const { executorReward, platformFee } = splitPayout(task.reward, task.feeBps ?? 0n);
    return {
        taskId: task.id,
        operation: task.operation,
        escrow: task.escrow,
        grossAmount: task.reward,
        executorReward,
        platformFee,
        deadline: task.deadline,
        intentValidUntil: row.intent_valid_until,
        paid: row.paid_amount === null ? null : { amount: BigInt(row.paid_amount), txHash: row.paid_tx_hash! },
    };
}
