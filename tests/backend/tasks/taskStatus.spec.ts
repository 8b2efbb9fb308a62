// The task state machine: every edge it has, and a refusal for every edge it does not.
import { InvalidTransition, isFinal, nextStatus, TASK_STATUSES, TaskEvent, transitions } from '../../../backend/src/tasks/taskStatus';

const EVENTS: TaskEvent[] = ['escrow_confirmed', 'slots_filled', 'slot_reopened', 'arbitration', 'majority', 'no_majority_at_cap', 'deadline_passed'];

const EXPECTED: Array<[string, TaskEvent, string]> = [
    ['awaiting_escrow', 'escrow_confirmed', 'open'],
    ['awaiting_escrow', 'deadline_passed', 'expired'],
    ['open', 'slots_filled', 'validating'],
    ['open', 'deadline_passed', 'expired'],
    ['validating', 'slot_reopened', 'open'],
    ['validating', 'arbitration', 'open'],
    ['validating', 'majority', 'validated'],
    ['validating', 'no_majority_at_cap', 'failed'],
    ['validating', 'deadline_passed', 'expired'],
];

describe('task state machine', () => {
    it.each(EXPECTED)('%s --%s--> %s', (from, event, to) => {
        expect(nextStatus(from as never, event)).toBe(to);
    });

    it('has exactly these edges', () => {
        expect(transitions().map((t) => [t.from, t.event, t.to])).toEqual(EXPECTED);
    });

    const missing = TASK_STATUSES.flatMap((from) =>
        EVENTS.filter((event) => !EXPECTED.some(([f, e]) => f === from && e === event)).map((event) => [from, event] as const),
    );
    it.each(missing)('refuses %s --%s', (from, event) => {
        expect(() => nextStatus(from, event)).toThrow(InvalidTransition);
        expect(() => nextStatus(from, event)).toThrow(`a task that is ${from} cannot take the event ${event}`);
    });

    it('validated, failed and expired are final; the rest are not', () => {
        expect(TASK_STATUSES.filter(isFinal)).toEqual(['validated', 'failed', 'expired']);
    });
});
