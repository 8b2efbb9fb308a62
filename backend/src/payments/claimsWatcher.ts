// The chain is the judge of what was paid: claims it shows are recorded, and their intents are never issued again.
import { transact } from '../service/afterCommit';
import { ServiceContext } from '../service/context';
import { sql } from '../store/statements';
import { findTask, TaskRecord } from '../tasks/taskRecord';

/** Records every claim the task's escrow has paid; returns how many were new. */
export async function recordClaims(ctx: ServiceContext, task: TaskRecord): Promise<number> {
    // The funding id is the master's lt when it funded this escrow: anything older belongs to an earlier
    // funding of the same task id at the same address.
    const claims = (await ctx.chain.claimsOf(task.escrow)).filter((c) => task.fundingId !== null && c.lt > task.fundingId);
    const insert = sql(
        ctx.db,
        'INSERT OR IGNORE INTO claims_paid (task_id, executor, amount, lt, tx_hash, seen_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const nowMs = ctx.nowMs();
    return transact(ctx, (events) => {
        let added = 0;
        for (const c of claims) {
            const wallet = c.executor.toRawString();
            const fresh = insert.run(task.id, wallet, c.amount.toString(), c.lt.toString(), c.txHash, nowMs).changes;
            if (fresh === 1) events.add('paid', task.id, wallet, c.amount, c.txHash);
            added += fresh;
        }
        return added;
    });
}

/** Validated tasks with an intent issued and not yet seen paid: the ones worth asking the chain about. */
export function tasksWithUnpaidIntents(ctx: ServiceContext, limit: number): TaskRecord[] {
    const ids = sql(
        ctx.db,
        `SELECT DISTINCT i.task_id AS id FROM payout_intents i
         LEFT JOIN claims_paid c ON c.task_id = i.task_id AND c.executor = i.executor
         WHERE c.executor IS NULL LIMIT ?`,
    ).all(limit) as Array<{ id: string }>;
    return ids.map((r) => findTask(ctx.db, r.id)!).filter((t) => t.status === 'validated');
}
