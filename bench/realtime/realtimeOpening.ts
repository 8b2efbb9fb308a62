// Opens a task the way `checkEscrow` does when the chain shows an escrow holding exactly the task's terms: the same
// transaction (funding id and fee stored, `escrow_confirmed` applied, which queues the opening in the same commit),
// then the same `task` event after it. Only the chain read is skipped: funding an escrow on the sandbox costs seconds
// per task, and the offer's path starts after it. From the event on, the service carries the offer on its own.
import { SANDBOX_FEE_BPS } from '../../devnet/src/deploySandboxMaster';
import { ServiceContext } from '../../backend/src/service/context';
import { sql } from '../../backend/src/store/statements';
import { applyTaskEvent, requireTask } from '../../backend/src/tasks/taskRecord';

// The master's logical time at funding is what an escrow reports as its funding id: unique per funding.
let nextFundingId = 1_000_000n;

export function openAsEscrowConfirmed(ctx: ServiceContext, taskId: string): void {
    const fundingId = nextFundingId++;
    ctx.db.transaction(() => {
        const task = requireTask(ctx.db, taskId);
        sql(ctx.db, 'UPDATE tasks SET funding_id = ?, fee_bps = ?, escrow_problem = NULL WHERE id = ?').run(
            fundingId.toString(),
            Number(SANDBOX_FEE_BPS),
            taskId,
        );
        applyTaskEvent(ctx.db, task, 'escrow_confirmed', ctx.nowMs());
    })();
    ctx.events.emit('task', taskId, 'open');
}
