// What a task produced, for its requester: the canonical output, each result's verdict, and the claims the chain
// shows paid. Outputs are what the requester paid for, so only the requester reads them.
import { Address } from '@ton/core';
import { ServiceError } from '../service/serviceError';
import { ServiceContext } from '../service/context';
import { TaskRecord } from './taskRecord';
import { taskSeenBy } from './taskSeenBy';

export interface ResultOutcomeRecord {
    wallet: string;
    verdict: 'valid' | 'invalid' | null;
    late: boolean;
    paid: { amount: bigint; txHash: string } | null;
}

export interface TaskOutcomeRecord {
    task: TaskRecord;
    /** Canonical JSON of the agreed output, or null before a decision. */
    canonicalOutput: string | null;
    results: ResultOutcomeRecord[];
}

interface ResultRow {
    wallet: string;
    verdict: 'valid' | 'invalid' | null;
    late: number | boolean;
    result_hash: string;
    output: string;
    paid_amount: string | null;
    paid_tx_hash: string | null;
}

export async function taskOutcome(ctx: ServiceContext, taskId: string, caller: Address): Promise<TaskOutcomeRecord> {
    const task = await taskSeenBy(ctx.store, taskId, caller);
    if (task.requester !== caller.toRawString()) throw new ServiceError('forbidden', 'NOT_YOUR_TASK', "only the requester reads a task's results");
    const rows = await ctx.store.all<ResultRow>(
        `SELECT r.wallet, r.verdict, r.late, r.result_hash, r.output, c.amount AS paid_amount, c.tx_hash AS paid_tx_hash
         FROM results r LEFT JOIN claims_paid c ON c.task_id = r.task_id AND c.executor = r.wallet
         WHERE r.task_id = ? ORDER BY r.received_at_ms, r.device_id`,
        task.id,
    );
    const canonical = task.canonicalHash === null ? undefined : rows.find((r) => r.result_hash === task.canonicalHash);
    return {
        task,
        canonicalOutput: canonical?.output ?? null,
        results: rows.map((r) => ({
            wallet: r.wallet,
            verdict: r.verdict,
            late: Boolean(r.late),
            paid: r.paid_amount === null ? null : { amount: BigInt(r.paid_amount), txHash: r.paid_tx_hash! },
        })),
    };
}
