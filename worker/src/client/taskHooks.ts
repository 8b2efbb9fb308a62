// Where a program that embeds a worker may step into each task's run. The worker itself sets none; the demo builds
// its liars and dropouts from them (demo/behaviours.ts).
import { JsonValue } from '../workloads/json';
import { TaskView } from '../../../protocol';

/** The hub connection as a hook may touch it. */
export interface HubLink {
    /** Cuts the link as a network failure would; the worker reconnects after its backoff. */
    drop(): void;
}

export interface TaskHooks {
    /**
     * Runs once a slot is claimed, before the module is fetched. 'abandon' walks away from the task: nothing is run
     * or submitted, and the slot times out on the service.
     */
    afterClaim?(task: TaskView, hub: HubLink): 'continue' | 'abandon';
    /** Runs before the module's output is submitted; what it returns is submitted instead. */
    beforeSubmit?(task: TaskView, output: JsonValue): JsonValue;
}
