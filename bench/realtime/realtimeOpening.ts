// Opens a task the way `checkEscrow` does when the chain shows an escrow holding exactly the task's terms: the same
// transaction (funding id and fee stored, `escrow_confirmed` applied, which queues the opening in the same commit),
// then the same `task` event after it. Only the chain read is skipped: funding an escrow on the sandbox costs seconds
// per task, and the offer's path starts after it. From the event on, the service carries the offer on its own.
import { SANDBOX_FEE_BPS } from '../../devnet/src/deploySandboxMaster';
import { ServiceContext } from '../../backend/src/service/context';
import { applyTaskEvent, lockTask } from '../../backend/src/tasks/taskRecord';

// The master's logical time at funding is what an escrow reports as its funding id: unique per funding.
let nextFundingId = 1_000_000n;

export async function openAsEscrowConfirmed(ctx: ServiceContext, taskId: string): Promise<void> {
    const fundingId = nextFundingId++;
    await ctx.store.transaction(async (tx) => {
        const task = await lockTask(tx, taskId);
        await tx.run(
            'UPDATE tasks SET funding_id = ?, fee_bps = ?, escrow_problem = NULL WHERE id = ?',
            fundingId.toString(),
            Number(SANDBOX_FEE_BPS),
            taskId,
        );
        await applyTaskEvent(tx, task, 'escrow_confirmed', ctx.nowMs());
    });
    ctx.events.emit('task', taskId, 'open');
}
