// GET /api/v1/tasks/:id/outcome: for the requester, what its task produced — the canonical result, every result's
// verdict, and which executors the chain shows paid.
import { Static, Type } from '@sinclair/typebox';
import { TaskStatus, Verdict } from './tasks';
import { PaidClaim } from './payouts';

export const TaskResultEntry = Type.Object({
    /** The executor's wallet, raw form. */
    wallet: Type.String(),
    verdict: Verdict,
    /** Delivered after the task was decided. */
    late: Type.Boolean(),
    /** The executor's claim as the chain shows it paid, or null. */
    paid: Type.Union([PaidClaim, Type.Null()]),
});
export type TaskResultEntry = Static<typeof TaskResultEntry>;

export const TaskResults = Type.Object({
    task_id: Type.String(),
    status: TaskStatus,
    canonical_result_hash: Type.Union([Type.String(), Type.Null()]),
    /** The output the majority agreed on, or null until the task is validated. */
    canonical_output: Type.Unknown(),
    results: Type.Array(TaskResultEntry),
});
export type TaskResults = Static<typeof TaskResults>;
