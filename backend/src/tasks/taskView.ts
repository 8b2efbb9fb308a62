// A task as the API shows it (HTTP answers and WebSocket offers alike): money as nanoton strings, the escrow
// user-friendly.
import { TaskView } from '../../../protocol';
import { friendlyContractAddress } from '../../../wrappers/tonConnect';
import { ServiceContext } from '../service/context';
import { TaskRecord } from './taskRecord';

export function taskView(ctx: ServiceContext, task: TaskRecord): TaskView {
    return {
        task_id: task.id,
        status: task.status,
        requester: task.requester,
        operation: task.operation,
        input: JSON.parse(task.input),
        module_sha256: task.moduleSha256,
        budget: task.budget.toString(),
        reward_per_result: task.reward.toString(),
        redundancy: task.redundancy,
        max_results: task.maxResults,
        slots_open: task.slotsOpen,
        min_trust_score: task.minTrustScore,
        deadline: task.deadline,
        slot_timeout_seconds: task.slotTimeoutSeconds,
        escrow_address: friendlyContractAddress(task.escrow, ctx.chain.globalId),
        escrow_problem: task.escrowProblem,
        fee_bps: task.feeBps === null ? null : Number(task.feeBps),
        funding_id: task.fundingId === null ? null : task.fundingId.toString(),
        canonical_result_hash: task.canonicalHash,
    };
}
