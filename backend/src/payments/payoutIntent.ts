// Payout intents: what a worker in a validated task's majority sends from its wallet to the escrow to get paid.
import { Address } from '@ton/core';
import { buildClaimComment, claimCommentPayload, PayoutIntent, signIntent } from '../../../wrappers/claimEncoding';
import { claimTransaction, TonConnectTransaction } from '../../../wrappers/tonConnect';
import { BASECHAIN, isBasechain } from '../auth/basechain';
import { splitPayout } from '../domain';
import { ServiceError } from '../service/serviceError';
import { nowSeconds, ServiceContext } from '../service/context';
import { TaskRecord, TaskRow, taskOfRow } from '../tasks/taskRecord';
import { CLAIM_ATTACHED_VALUE, INTENT_MIN_REMAINING_SECONDS, INTENT_TTL_SECONDS } from '../tasks/taskRules';
import { recordClaims } from './claimsWatcher';

export interface IssuedIntent {
    taskId: string;
    escrow: Address;
    executor: Address;
    /** Gross amount the escrow pays out for this result (executor reward + platform fee). */
    amount: bigint;
    executorReward: bigint;
    platformFee: bigint;
    validUntil: number;
    payloadComment: string;
    payload: string;
    /** Value to attach for the escrow's gas; what it does not use comes back with the reward. */
    attach: bigint;
    transaction: TonConnectTransaction;
}

/** What the intent query adds to the task's row. */
interface IntentCheckRow {
    /** 1/0 from SQLite, true/false from PostgreSQL. */
    has_valid_result: number | boolean;
    is_paid: number | boolean;
    intent_amount: string | null;
    intent_valid_until: number | null;
    intent_comment: string | null;
    intent_payload: string | null;
}

interface IntentRow {
    amount: string;
    valid_until: number;
    payload_comment: string;
    payload: string | null;
}

/**
 * The intent for `executor`'s valid result in a validated task: the current one while it has at least
 * INTENT_MIN_REMAINING_SECONDS left, otherwise a fresh one. Never for a claim the chain has already paid, and never
 * for a wallet outside the basechain, and only to the executor's own session (`caller`).
 */
export async function payoutIntent(ctx: ServiceContext, taskId: string, executor: Address, caller: Address): Promise<IssuedIntent> {
    // An intent pays whoever sends it: it is issued only to the executor itself.
    if (!executor.equals(caller)) {
        throw new ServiceError('forbidden', 'NOT_YOUR_WALLET', 'intents are issued only to the wallet of the session');
    }
    // Sessions exist only for basechain wallets, and the escrow pays no one else: an intent for another workchain
    // could never be claimed, so none is signed whatever the caller's session says.
    if (!isBasechain(executor)) {
        throw new ServiceError('invalid', 'WALLET_NOT_BASECHAIN', `the escrow pays only basechain (${BASECHAIN}) wallets`);
    }
    const wallet = executor.toRawString();
    const now = nowSeconds(ctx);
    // Every check in one statement: one snapshot, and one trip to the store on the hot path.
    const checked = await ctx.store.one<TaskRow & IntentCheckRow>(
        `SELECT t.*,
                EXISTS (SELECT 1 FROM results r WHERE r.task_id = t.id AND r.wallet = ? AND r.verdict = 'valid') AS has_valid_result,
                EXISTS (SELECT 1 FROM claims_paid c WHERE c.task_id = t.id AND c.executor = ?) AS is_paid,
                i.amount AS intent_amount, i.valid_until AS intent_valid_until,
                i.payload_comment AS intent_comment, i.payload AS intent_payload
         FROM tasks t LEFT JOIN payout_intents i ON i.task_id = t.id AND i.executor = ?
         WHERE t.id = ?`,
        wallet,
        wallet,
        wallet,
        taskId,
    );
    if (!checked) throw new ServiceError('not_found', 'TASK_NOT_FOUND', `no task ${taskId}`);
    const task = taskOfRow(checked);
    if (task.status !== 'validated') throw new ServiceError('conflict', 'TASK_NOT_VALIDATED', `the task is ${task.status}`);
    if (task.spotCheckId !== null) throw new ServiceError('conflict', 'NOT_PAYABLE', 'this task was a spot check and has no escrow to pay from');
    if (!checked.has_valid_result) throw new ServiceError('forbidden', 'NOT_IN_MAJORITY', 'this wallet has no valid result in this task');
    if (checked.is_paid) throw new ServiceError('conflict', 'ALREADY_PAID', 'the chain shows this reward claimed already');
    const current: IntentRow | undefined =
        checked.intent_amount === null
            ? undefined
            : {
                  amount: checked.intent_amount,
                  valid_until: checked.intent_valid_until!,
                  payload_comment: checked.intent_comment!,
                  payload: checked.intent_payload,
              };
    if (current && current.valid_until - now >= INTENT_MIN_REMAINING_SECONDS) {
        return intentView(ctx, task, executor, current);
    }
    if (current) {
        // Replacing an intent: the old one may have been used. Ask the chain before signing another.
        await recordClaims(ctx, task);
        if (await isPaid(ctx, taskId, wallet)) throw new ServiceError('conflict', 'ALREADY_PAID', 'the chain shows this reward claimed already');
    }
    const validUntil = Math.min(now + INTENT_TTL_SECONDS, task.deadline);
    if (validUntil - now < INTENT_MIN_REMAINING_SECONDS) {
        throw new ServiceError('conflict', 'TASK_PAST_DEADLINE', 'the escrow stops paying at its deadline, too soon for a new intent');
    }
    const intent: PayoutIntent = {
        globalId: ctx.chain.globalId,
        escrow: task.escrow,
        fundingId: task.fundingId!,
        executor,
        taskId: BigInt(task.id),
        amount: task.reward,
        validUntil,
    };
    const signature = signIntent(intent, ctx.signingKey.secretKey);
    const comment = buildClaimComment({ taskId: intent.taskId, amount: intent.amount, validUntil, signature });
    const row: IntentRow = {
        amount: task.reward.toString(),
        valid_until: validUntil,
        payload_comment: comment,
        payload: claimCommentPayload(comment),
    };
    // Stored only if no other request (on this node or another) stored a still-usable intent meanwhile: then
    // that one is the intent, and this signature is thrown away unseen. One intent per executor at a time.
    const stored = await ctx.store.transaction(
        async (tx) =>
            (await tx.one<IntentRow>(
                `INSERT INTO payout_intents (task_id, executor, amount, valid_until, payload_comment, payload, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (task_id, executor) DO UPDATE SET
                     amount = excluded.amount, valid_until = excluded.valid_until, payload_comment = excluded.payload_comment,
                     payload = excluded.payload, created_at = excluded.created_at
                 WHERE payout_intents.valid_until - ? < ?
                 RETURNING amount, valid_until, payload_comment, payload`,
                taskId, wallet, row.amount, row.valid_until, row.payload_comment, row.payload, ctx.nowMs(),
                now, INTENT_MIN_REMAINING_SECONDS,
            )) ??
            (await tx.one<IntentRow>('SELECT amount, valid_until, payload_comment, payload FROM payout_intents WHERE task_id = ? AND executor = ?', taskId, wallet))!,
        { grouped: true },
    );
    return intentView(ctx, task, executor, stored);
}

async function isPaid(ctx: ServiceContext, taskId: string, wallet: string): Promise<boolean> {
    return (await ctx.store.one('SELECT 1 FROM claims_paid WHERE task_id = ? AND executor = ?', taskId, wallet)) !== undefined;
}

function intentView(ctx: ServiceContext, task: TaskRecord, executor: Address, row: IntentRow): IssuedIntent {
    const amount = BigInt(row.amount);
    const { executorReward, platformFee } = splitPayout(amount, task.feeBps!);
    const transaction = claimTransaction(
        task.escrow,
        row.payload_comment,
        CLAIM_ATTACHED_VALUE,
        ctx.chain.globalId,
        row.valid_until,
        row.payload ?? undefined,
    );
    return {
        taskId: task.id,
        escrow: task.escrow,
        executor,
        amount,
        executorReward,
        platformFee,
        validUntil: row.valid_until,
        payloadComment: row.payload_comment,
        payload: transaction.messages[0].payload!,
        attach: CLAIM_ATTACHED_VALUE,
        transaction,
    };
}
