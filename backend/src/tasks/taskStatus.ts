// The one state machine of a task. Every status change in the service goes through `nextStatus`.

// Its states are the statuses the protocol shows (protocol/tasks.ts).
import { TASK_STATUSES, TaskStatus } from '../../../protocol';

export { TASK_STATUSES };
export type { TaskStatus };

/**
 * - `escrow_confirmed`: the chain shows an escrow holding exactly the task's terms.
 * - `slots_filled`: every open slot is held (or delivered); no device can claim one.
 * - `slot_reopened`: a held slot timed out, so one is free again.
 * - `arbitration`: the results collided below the cap; one extra slot opens.
 * - `majority`: a strict majority agreed.
 * - `no_majority_at_cap`: the results collided with the cap on results reached.
 * - `deadline_passed`: the deadline came before a decision.
 */
export type TaskEvent =
    | 'escrow_confirmed'
    | 'slots_filled'
    | 'slot_reopened'
    | 'arbitration'
    | 'majority'
    | 'no_majority_at_cap'
    | 'deadline_passed';

const TRANSITIONS: Readonly<Record<TaskStatus, Partial<Record<TaskEvent, TaskStatus>>>> = {
    awaiting_escrow: { escrow_confirmed: 'open', deadline_passed: 'expired' },
    open: { slots_filled: 'validating', deadline_passed: 'expired' },
    validating: {
        slot_reopened: 'open',
        arbitration: 'open',
        majority: 'validated',
        no_majority_at_cap: 'failed',
        deadline_passed: 'expired',
    },
    validated: {},
    failed: {},
    expired: {},
};

export class InvalidTransition extends Error {
    constructor(
        readonly from: TaskStatus,
        readonly event: TaskEvent,
    ) {
        super(`a task that is ${from} cannot take the event ${event}`);
        this.name = 'InvalidTransition';
    }
}

/** The status after `event`; throws InvalidTransition when the machine has no such edge. */
export function nextStatus(from: TaskStatus, event: TaskEvent): TaskStatus {
    const to = TRANSITIONS[from][event];
    if (!to) throw new InvalidTransition(from, event);
    return to;
}

/** Whether a task in this status never changes status again. */
export function isFinal(status: TaskStatus): boolean {
    return Object.keys(TRANSITIONS[status]).length === 0;
}

/** Every edge of the machine, for docs and tests. */
export function transitions(): Array<{ from: TaskStatus; event: TaskEvent; to: TaskStatus }> {
    return TASK_STATUSES.flatMap((from) =>
        Object.entries(TRANSITIONS[from]).map(([event, to]) => ({ from, event: event as TaskEvent, to: to! })),
    );
}
