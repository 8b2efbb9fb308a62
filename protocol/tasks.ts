// Tasks: create, list, read, confirm the escrow, claim a slot, submit a result; and the offers a device may take.
import { Static, Type } from '@sinclair/typebox';
import { Capability, DeviceId, ListLimit, LooseTaskId, Nanotons, Sha256Hex } from './fields';
import { MAX_REDUNDANCY, MAX_SLOT_TIMEOUT_SECONDS, MIN_SLOT_TIMEOUT_SECONDS } from './limits';
import { NextCursor, PageCursor } from './paging';
import { TonConnectTransaction } from './tonConnect';

/** Every status a task can be in; the service's state machine moves between exactly these. */
export const TaskStatus = Type.Union([
    Type.Literal('awaiting_escrow'),
    Type.Literal('open'),
    Type.Literal('validating'),
    Type.Literal('validated'),
    Type.Literal('failed'),
    Type.Literal('expired'),
]);
export type TaskStatus = Static<typeof TaskStatus>;
export const TASK_STATUSES: readonly TaskStatus[] = TaskStatus.anyOf.map((literal) => literal.const);

/** A result's verdict: null until its task is decided. */
export const Verdict = Type.Union([Type.Literal('valid'), Type.Literal('invalid'), Type.Null()]);

/** A task as every answer and offer shows it: money as nanoton strings, the escrow user-friendly. */
export const TaskView = Type.Object({
    task_id: Type.String(),
    status: TaskStatus,
    /** Raw form. */
    requester: Type.String(),
    operation: Type.String(),
    input: Type.Unknown(),
    module_sha256: Type.Union([Type.String(), Type.Null()]),
    budget: Type.String(),
    reward_per_result: Type.String(),
    redundancy: Type.Integer(),
    max_results: Type.Integer(),
    slots_open: Type.Integer(),
    min_trust_score: Type.Number(),
    deadline: Type.Integer(),
    slot_timeout_seconds: Type.Integer(),
    escrow_address: Type.String(),
    /** Why the chain's escrow does not match the task, while it does not. */
    escrow_problem: Type.Union([Type.String(), Type.Null()]),
    fee_bps: Type.Union([Type.Integer(), Type.Null()]),
    funding_id: Type.Union([Type.String(), Type.Null()]),
    canonical_result_hash: Type.Union([Type.String(), Type.Null()]),
});
export type TaskView = Static<typeof TaskView>;

export const CreateTaskRequest = Type.Object(
    {
        operation: Capability,
        input: Type.Unknown(),
        module_sha256: Type.Optional(Sha256Hex),
        budget: Nanotons,
        redundancy: Type.Integer({ minimum: 1, maximum: MAX_REDUNDANCY }),
        min_trust_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        deadline: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
        slot_timeout_seconds: Type.Optional(Type.Integer({ minimum: MIN_SLOT_TIMEOUT_SECONDS, maximum: MAX_SLOT_TIMEOUT_SECONDS })),
    },
    { additionalProperties: false, required: ['operation', 'input', 'budget', 'redundancy', 'deadline'] },
);
export type CreateTaskRequest = Static<typeof CreateTaskRequest>;

/** The created task and the transaction the requester's wallet sends to fund its escrow. */
export const CreatedTask = Type.Object({ ...TaskView.properties, funding_transaction: TonConnectTransaction });
export type CreatedTask = Static<typeof CreatedTask>;

/** The requester's tasks, newest first, a page at a time. */
export const TaskList = Type.Object({ tasks: Type.Array(TaskView), next_cursor: NextCursor });
export type TaskList = Static<typeof TaskList>;

export const TaskListQuery = Type.Object({ limit: Type.Optional(ListLimit), cursor: Type.Optional(PageCursor) }, { additionalProperties: false });
export type TaskListQuery = Static<typeof TaskListQuery>;

export const TaskParams = Type.Object({ id: LooseTaskId }, { additionalProperties: false });
export type TaskParams = Static<typeof TaskParams>;

/** GET /api/v1/offers: open tasks the device may take now. */
export const OffersQuery = Type.Object({ device_id: DeviceId, limit: Type.Optional(ListLimit) }, { additionalProperties: false });
export type OffersQuery = Static<typeof OffersQuery>;

export const OfferList = Type.Object({ offers: Type.Array(TaskView) });
export type OfferList = Static<typeof OfferList>;

export const ClaimRequest = Type.Object({ device_id: DeviceId }, { additionalProperties: false });
export type ClaimRequest = Static<typeof ClaimRequest>;

/** The task after the claim, the device that holds the slot, and when the slot expires (ms since the epoch). */
export const ClaimedTask = Type.Object({ ...TaskView.properties, device_id: Type.String(), slot_expires_at_ms: Type.Number() });
export type ClaimedTask = Static<typeof ClaimedTask>;

export const ResultRequest = Type.Object(
    { device_id: DeviceId, output: Type.Unknown() },
    { additionalProperties: false, required: ['device_id', 'output'] },
);
export type ResultRequest = Static<typeof ResultRequest>;

/** What a submitter learns (HTTP answer of a result; the `result_accepted` frame carries the same decision). */
export const ResultReceipt = Type.Object({
    task_id: Type.String(),
    device_id: Type.String(),
    result_hash: Type.String(),
    verdict: Verdict,
    late: Type.Boolean(),
    task_status: TaskStatus,
    /** This submission's decision made this result valid: a payout intent for it can be fetched now. */
    payout_ready: Type.Boolean(),
});
export type ResultReceipt = Static<typeof ResultReceipt>;
