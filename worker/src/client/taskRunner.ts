// One offer, start to finish on the worker's side: claim a slot, fetch the module, run it, submit the output.
// An execution that fails is reported and nothing is submitted: a slot left to time out costs less trust than
// a wrong result.
import { isDeepStrictEqual } from 'node:util';
import { executeModule, ExecutionLimits } from '../execute';
import { TaskView } from '../../../protocol';
import { HubClosedError, HubConnection } from '../../../client/hubConnection';
import { ModuleCache } from './moduleCache';
import { RunOutcome } from './runOutcome';
import { ServiceApi } from '../../../client/serviceApi';
import { retryTransient } from '../../../client/retryTransient';
import { ServiceError } from '../../../client/serviceError';
import { TaskHooks } from './taskHooks';
import { WorkerEvent } from './workerEvents';

export { DEFAULT_LIMITS } from '../execute';
export type { RunOutcome };

export interface RunnerContext {
    hub: HubConnection;
    api: ServiceApi;
    modules: ModuleCache;
    deviceId: string;
    hooks: TaskHooks;
    limits: ExecutionLimits;
    emit(event: WorkerEvent): void;
}

/** Submitting the same output again returns the same receipt, so a submission can be retried safely. */
const SUBMIT_RETRY = { attempts: 5, backoff: { baseMs: 500, capMs: 8_000 } };

export async function runTask(task: TaskView, ctx: RunnerContext): Promise<RunOutcome> {
    const { task_id } = task;
    const claim = await claimSlot(task_id, ctx.hub);
    if (claim !== 'claimed') {
        ctx.emit({ type: 'claim_refused', task_id, code: claim });
        return { kind: 'claim_refused', code: claim };
    }
    ctx.emit({ type: 'claimed', task_id });
    if (ctx.hooks.afterClaim?.(task, ctx.hub) === 'abandon') {
        ctx.emit({ type: 'abandoned', task_id });
        return { kind: 'abandoned' };
    }

    const sha256 = task.module_sha256!;
    let bytes: Uint8Array;
    try {
        bytes = await ctx.modules.get(sha256);
    } catch (error) {
        ctx.emit({ type: 'execution_failed', task_id, reason: 'module_unavailable', message: (error as Error).message });
        return { kind: 'failed' };
    }
    const started = Date.now();
    let outcome;
    try {
        outcome = await executeModule(bytes, sha256, task.input, ctx.limits);
    } catch (error) {
        ctx.emit({ type: 'execution_failed', task_id, reason: 'host_error', message: (error as Error).message });
        return { kind: 'failed' };
    }
    if (!outcome.ok) {
        if (outcome.reason === 'hash_mismatch') ctx.modules.forget(sha256);
        ctx.emit({ type: 'execution_failed', task_id, reason: outcome.reason, message: outcome.message });
        return { kind: 'failed' };
    }
    ctx.emit({ type: 'executed', task_id, ms: Date.now() - started });

    const output = ctx.hooks.beforeSubmit ? ctx.hooks.beforeSubmit(task, outcome.output) : outcome.output;
    const replaced = !isDeepStrictEqual(output, outcome.output);
    try {
        const receipt = await retryTransient(() => ctx.api.submitResult(task_id, ctx.deviceId, output), SUBMIT_RETRY);
        ctx.emit({ type: 'submitted', task_id, verdict: receipt.verdict, task_status: receipt.task_status, output_replaced: replaced });
        return { kind: 'submitted', resultHash: receipt.result_hash, verdict: receipt.verdict };
    } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        ctx.emit({ type: 'submit_refused', task_id, code: error.code, message: error.message });
        return { kind: 'submit_refused', code: error.code };
    }
}

/** 'claimed', or the code the hub refused the claim with (NO_SLOT_FREE and friends are routine races). */
async function claimSlot(taskId: string, hub: HubConnection): Promise<string> {
    try {
        const answer = await hub.request({ type: 'claim', task_id: taskId });
        if (answer.type === 'claimed') return 'claimed';
        return answer.type === 'error' ? answer.code : `UNEXPECTED_${answer.type.toUpperCase()}`;
    } catch (error) {
        if (error instanceof HubClosedError) return 'HUB_CLOSED';
        throw error;
    }
}
