// A task opens only when the chain shows its escrow holding exactly the terms the service created it with.
import { EscrowSnapshot } from '../chain/chain';
import { MAX_FEE_BPS } from '../domain';
import { ServiceError } from '../service/serviceError';
import { transact } from '../service/afterCommit';
import { ServiceContext } from '../service/context';
import { applyTaskEvent, lockTask, requireTask, TaskRecord } from './taskRecord';

/** Why an escrow does not fit a task, or null when it does. */
export function escrowMismatch(task: TaskRecord, escrow: EscrowSnapshot, backendKey: bigint, master: string): string | null {
    const expect: Array<[string, string, string]> = [
        ['master', escrow.master.toRawString(), master],
        ['task id', escrow.taskId.toString(), task.id],
        ['requester', escrow.requester.toRawString(), task.requester],
        ['budget', escrow.budget.toString(), task.budget.toString()],
        ['result slots', escrow.maxResults.toString(), String(task.maxResults)],
        ['deadline', escrow.deadline.toString(), String(task.deadline)],
        ['backend key', escrow.backendKey.toString(16), backendKey.toString(16)],
    ];
    for (const [field, actual, wanted] of expect) {
        if (actual !== wanted) return `the escrow's ${field} is ${actual}, the task's is ${wanted}`;
    }
    if (escrow.feeBps > MAX_FEE_BPS) return `the escrow's fee of ${escrow.feeBps} bps is above the cap of ${MAX_FEE_BPS}`;
    if (escrow.slotsUsed !== 0n || escrow.remaining !== escrow.budget) return 'the escrow has already paid claims';
    return null;
}

export type EscrowCheck = { kind: 'opened'; task: TaskRecord } | { kind: 'missing' } | { kind: 'mismatch'; reason: string };

/**
 * Reads the task's escrow from the chain; opens the task when it matches, records the reason when it does not.
 * A task that is no longer awaiting its escrow is returned as it is.
 */
export async function checkEscrow(ctx: ServiceContext, taskId: string): Promise<EscrowCheck> {
    const before = await requireTask(ctx.store, taskId);
    if (before.status !== 'awaiting_escrow') return { kind: 'opened', task: before };
    const escrow = await ctx.chain.escrowState(before.escrow);
    if (!escrow) return { kind: 'missing' };
    const backendKey = BigInt('0x' + ctx.signingKey.publicKey.toString('hex'));
    const reason = escrowMismatch(before, escrow, backendKey, ctx.chain.masterAddress.toRawString());
    const nowMs = ctx.nowMs();
    return transact(ctx, async (tx, events): Promise<EscrowCheck> => {
        // Re-read, locked: another request, or another node's chain watch, may have opened the task while the
        // chain answered; the second to get here sees it open and changes nothing.
        const task = await lockTask(tx, taskId);
        if (task.status !== 'awaiting_escrow') return { kind: 'opened', task };
        if (reason) {
            await tx.run('UPDATE tasks SET escrow_problem = ?, updated_at = ? WHERE id = ?', reason, nowMs, taskId);
            return { kind: 'mismatch', reason };
        }
        await tx.run(
            'UPDATE tasks SET funding_id = ?, fee_bps = ?, escrow_problem = NULL WHERE id = ?',
            escrow.fundingId.toString(),
            Number(escrow.feeBps),
            taskId,
        );
        await applyTaskEvent(tx, task, 'escrow_confirmed', nowMs);
        events.add('task', taskId, task.status);
        return { kind: 'opened', task: { ...task, fundingId: escrow.fundingId, feeBps: escrow.feeBps, escrowProblem: null } };
    });
}

/** checkEscrow for a request: the task must be the caller's, and anything but an open task is an error. */
export async function confirmEscrow(ctx: ServiceContext, taskId: string, caller: string): Promise<TaskRecord> {
    const task = await requireTask(ctx.store, taskId);
    if (task.requester !== caller) throw new ServiceError('forbidden', 'NOT_YOUR_TASK', 'only the requester can confirm the escrow of a task');
    if (task.status !== 'awaiting_escrow' && task.status !== 'open') {
        throw new ServiceError('conflict', 'TASK_NOT_AWAITING_ESCROW', `the task is ${task.status}`);
    }
    const check = await checkEscrow(ctx, taskId);
    if (check.kind === 'missing') throw new ServiceError('conflict', 'ESCROW_NOT_FOUND', `no funded escrow at ${task.escrow.toRawString()} yet`);
    if (check.kind === 'mismatch') throw new ServiceError('conflict', 'ESCROW_MISMATCH', check.reason);
    return check.task;
}
