// Which offers the worker takes, and when: each task once at a time, at most `concurrency` at once, and only
// while there is room (maxTasks). A claim refused for a passing reason (a full task, low trust) leaves the task
// free to be tried when the hub offers it again.
import { TaskView } from '../../../protocol';
import { RunOutcome } from './runOutcome';

/** Offers waiting for a free runner; the oldest go first, being the likeliest to be taken by others already. */
const MAX_WAITING = 100;
/** Claim refusals after which a task is not tried again, whatever is offered later. */
const FINAL_REFUSALS = ['ALREADY_ASSIGNED', 'WALLET_ALREADY_ASSIGNED', 'MISSING_CAPABILITY', 'TASK_NOT_FOUND'];

export class OfferQueue {
    private readonly waiting: TaskView[] = [];
    /** Tasks running, or done with: not started again. */
    private readonly taken = new Set<string>();
    private readonly running = new Set<Promise<void>>();
    private closed = false;

    constructor(
        private readonly run: (task: TaskView) => Promise<RunOutcome | null>,
        private readonly concurrency: number,
        /** Whether one more task fits, given how many run now. */
        private readonly hasRoom: (running: number) => boolean,
    ) {}

    get runningCount(): number {
        return this.running.size;
    }

    add(task: TaskView): void {
        if (this.closed || this.taken.has(task.task_id) || this.waiting.some((queued) => queued.task_id === task.task_id)) return;
        this.waiting.push(task);
        if (this.waiting.length > MAX_WAITING) this.waiting.shift();
        this.pump();
    }

    /** Starts waiting tasks while runners and room allow; called again whenever either may have grown. */
    pump(): void {
        while (!this.closed && this.running.size < this.concurrency && this.waiting.length > 0 && this.hasRoom(this.running.size)) {
            const task = this.waiting.shift()!;
            if (this.taken.has(task.task_id)) continue;
            this.taken.add(task.task_id);
            const run: Promise<void> = this.run(task)
                .then((outcome) => {
                    if (outcome?.kind === 'claim_refused' && !FINAL_REFUSALS.includes(outcome.code)) this.taken.delete(task.task_id);
                })
                .finally(() => {
                    this.running.delete(run);
                    this.pump();
                });
            this.running.add(run);
        }
    }

    /** Takes no more offers; resolves once every running task has finished. */
    async close(): Promise<void> {
        this.closed = true;
        await Promise.allSettled([...this.running]);
    }
}
