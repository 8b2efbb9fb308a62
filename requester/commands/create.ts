// `create`: uploads the module (idempotent), creates the task and keeps its funding transaction for `fund`. The
// module and the input were checked with the arguments (args.ts).
import { RequesterContext } from '../context';
import { formatTon } from '../tonAmount';
import { saveCreated } from './fundingStore';
import { moduleBytes } from './taskInput';

export async function create(ctx: RequesterContext): Promise<void> {
    const { workload, input, ...options } = ctx.args.create!;
    const { sha256 } = await ctx.client.uploadModule(moduleBytes(workload));
    const created = await ctx.client.createTask({
        operation: workload.name,
        input,
        module_sha256: sha256,
        budget: options.budget.toString(),
        redundancy: options.redundancy,
        deadline: Math.floor(Date.now() / 1000) + options.deadlineSeconds,
        ...(options.minTrust === undefined ? {} : { min_trust_score: options.minTrust }),
    });
    saveCreated(ctx.args.stateDir, created);
    ctx.out.line(`task ${created.task_id} created (${created.operation}), awaiting its escrow`);
    ctx.out.line(`  budget ${formatTon(created.budget)}: ${formatTon(created.reward_per_result)} per result, at most ${created.max_results} results, ${created.redundancy} agreeing`);
    ctx.out.line(`  deadline ${new Date(created.deadline * 1000).toISOString()}, escrow ${created.escrow_address}`);
    ctx.out.line(`  next: npm run requester -- fund ${created.task_id}`);
    ctx.out.result(created);
}
