// Time-driven changes, applied by a periodic sweep (and lazily by the requests that meet them first):
// slots whose time ran out are given back, tasks whose deadline passed undecided expire.
import { transact } from '../service/afterCommit';
import { nowSeconds, ServiceContext } from '../service/context';
import { sql } from '../store/statements';
import { expireSlotsOf } from './assignments';
import { applyTaskEvent, findTask } from './taskRecord';

export interface SweepReport {
    slotsTimedOut: number;
    tasksExpired: number;
}

export function sweep(ctx: ServiceContext): SweepReport {
    const nowMs = ctx.nowMs();
    const now = nowSeconds(ctx);
    return transact(ctx, (events): SweepReport => {
        let tasksExpired = 0;
        let slotsTimedOut = 0;
        const overdue = sql(
            ctx.db,
            "SELECT id FROM tasks WHERE status IN ('awaiting_escrow', 'open', 'validating') AND deadline <= ?",
        ).all(now) as Array<{ id: string }>;
        for (const { id } of overdue) {
            const task = findTask(ctx.db, id)!;
            events.add('task', id, applyTaskEvent(ctx.db, task, 'deadline_passed', nowMs));
            tasksExpired++;
        }
        const withExpiredSlots = sql(
            ctx.db,
            `SELECT DISTINCT a.task_id AS id FROM assignments a JOIN tasks t ON t.id = a.task_id
             WHERE a.status = 'active' AND a.expires_at_ms <= ? AND t.status IN ('open', 'validating')`,
        ).all(nowMs) as Array<{ id: string }>;
        for (const { id } of withExpiredSlots) {
            const task = findTask(ctx.db, id)!;
            const before = task.status;
            for (const [deviceId, trust] of expireSlotsOf(ctx.db, task, nowMs)) {
                events.add('trust', deviceId, trust);
                slotsTimedOut++;
            }
            if (task.status !== before) events.add('task', id, task.status);
        }
        return { slotsTimedOut, tasksExpired };
    });
}
