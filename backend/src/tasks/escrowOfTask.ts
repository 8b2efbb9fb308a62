// The task's escrow as the chain shows it now, for whoever may see the task: null when no escrow is deployed at its
// address (not funded yet, or closed).
import { Address } from '@ton/core';
import { EscrowSnapshot } from '../chain/chain';
import { ServiceContext } from '../service/context';
import { TaskRecord } from './taskRecord';
import { taskSeenBy } from './taskSeenBy';

export async function escrowOfTask(ctx: ServiceContext, taskId: string, reader: Address): Promise<{ task: TaskRecord; escrow: EscrowSnapshot | null }> {
    const task = await taskSeenBy(ctx.store, taskId, reader);
    return { task, escrow: await ctx.chain.escrowState(task.escrow) };
}
