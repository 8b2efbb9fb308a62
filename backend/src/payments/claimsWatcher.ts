// The chain is the judge of what was paid: claims it shows are recorded, and their intents are never issued again.
import { transact } from '../service/afterCommit';
import { ServiceContext } from '../service/context';
import { findTask, TaskRecord } from '../tasks/taskRecord';

/** Records every claim the task's escrow has paid; returns how many were new. */
export async function recordClaims(ctx: ServiceContext, task: TaskRecord): Promise<number> {
    // The funding id is the master's lt when it funded this escrow: anything older belongs to an earlier
    // funding of the same task id at the same address.
    const claims = (await ctx.chain.claimsOf(task.escrow)).filter((c) => task.fundingId !== null && c.lt > task.fundingId);
    const nowMs = ctx.nowMs();
    // Every node may see the same claim; the key (task, executor) records it once, and only that insert is heard.
    return transact(ctx, async (tx, events) => {
        let added = 0;
        for (const c of claims) {
            const wallet = c.executor.toRawString();
            const fresh = await tx.run(
                `INSERT INTO claims_paid (task_id, executor, amount, lt, tx_hash, seen_at) VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (task_id, executor) DO NOTHING`,
                task.id,
                wallet,
                c.amount.toString(),
                c.lt.toString(),
                c.txHash,
                nowMs,
            );
            if (fresh === 1) events.add('paid', task.id, wallet, c.amount, c.txHash);
            added += fresh;
        }
        return added;
    });
}

/** Validated tasks with an intent issued and not yet seen paid: the ones worth asking the chain about. */
export async function tasksWithUnpaidIntents(ctx: ServiceContext, limit: number): Promise<TaskRecord[]> {
    const ids = await ctx.store.all<{ id: string }>(
        `SELECT DISTINCT i.task_id AS id FROM payout_intents i
         LEFT JOIN claims_paid c ON c.task_id = i.task_id AND c.executor = i.executor
         WHERE c.executor IS NULL ORDER BY i.task_id LIMIT ?`,
        limit,
    );
    const tasks: TaskRecord[] = [];
    for (const { id } of ids) {
        const task = await findTask(ctx.store, id);
        if (task?.status === 'validated') tasks.push(task);
    }
    return tasks;
}
