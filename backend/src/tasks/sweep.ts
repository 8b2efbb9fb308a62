// Time-driven changes, applied by a periodic sweep (and lazily by the requests that meet them first):
// slots whose time ran out are given back, tasks whose deadline passed undecided expire.
import { transact } from '../service/afterCommit';
import { nowSeconds, ServiceContext } from '../service/context';
import { expireSlotsOf } from './assignments';
import { applyTaskEvent, lockTask } from './taskRecord';

export interface SweepReport {
    slotsTimedOut: number;
    tasksExpired: number;
}

/**
 * One sweep. Each task is its own transaction, under its row lock, and is re-checked once locked: every node may
 * sweep at the same time, and a task another node (or a request) has just moved on is left as it now is.
 */
export async function sweep(ctx: ServiceContext): Promise<SweepReport> {
    const nowMs = ctx.nowMs();
    const now = nowSeconds(ctx);
    const report: SweepReport = { slotsTimedOut: 0, tasksExpired: 0 };
    const overdue = await ctx.store.all<{ id: string }>(
        "SELECT id FROM tasks WHERE status IN ('awaiting_escrow', 'open', 'validating') AND deadline <= ? ORDER BY id",
        now,
    );
    for (const { id } of overdue) {
        await transact(ctx, async (tx, events) => {
            const task = await lockTask(tx, id);
            if (!OPEN_STATUSES.includes(task.status) || task.deadline > now) return;
            events.add('task', id, await applyTaskEvent(tx, task, 'deadline_passed', nowMs));
            report.tasksExpired++;
        });
    }
    const withExpiredSlots = await ctx.store.all<{ id: string }>(
        `SELECT DISTINCT a.task_id AS id FROM assignments a JOIN tasks t ON t.id = a.task_id
         WHERE a.status = 'active' AND a.expires_at_ms <= ? AND t.status IN ('open', 'validating') ORDER BY a.task_id`,
        nowMs,
    );
    for (const { id } of withExpiredSlots) {
        report.slotsTimedOut += await transact(ctx, async (tx, events) => {
            const task = await lockTask(tx, id);
            if (task.status !== 'open' && task.status !== 'validating') return 0;
            const before = task.status;
            const changed = await expireSlotsOf(tx, task, nowMs);
            for (const [deviceId, trust] of changed) events.add('trust', deviceId, trust);
            if (task.status !== before) events.add('task', id, task.status);
            return changed.length;
        });
    }
    return report;
}

const OPEN_STATUSES: readonly string[] = ['awaiting_escrow', 'open', 'validating'];
