// The scenario the SIGKILL test runs: which workers hold slots of which tasks and what each submits. Deterministic
// from the task's index, so the child that seeds it and the parent that submits and checks agree without talking.
// A third of the tasks agree, a third have one liar, a third collide (every result differs, one more slot opens).
import { canonicalResultHash } from '../../../backend/src/domain';
import { ServiceFixture } from '../service/serviceFixture';

export const TASK_COUNT = 60;
export const REDUNDANCY = 3;
const HONEST = ['honest-0', 'honest-1', 'honest-2', 'honest-3', 'honest-4'];
const LIAR = 'liar';
export const WORKER_NAMES = [...HONEST, LIAR];

export type TaskKind = 'agree' | 'one-liar' | 'collide';

export function kindOf(index: number): TaskKind {
    return (['agree', 'one-liar', 'collide'] as const)[index % 3];
}

/** The workers holding the task's slots, by name: three honest ones in rotation, the last replaced by the liar in a one-liar task. */
export function slotHoldersOf(index: number): string[] {
    const honest = [0, 1, 2].map((k) => HONEST[(index + k) % HONEST.length]);
    return kindOf(index) === 'one-liar' ? [honest[0], honest[1], LIAR] : honest;
}

export function outputOf(index: number, worker: string): unknown {
    if (kindOf(index) === 'collide') return { task: index, guess: worker };
    return { task: index, digest: worker === LIAR ? 'made up' : 'right' };
}

/** The hash a decided task settles on; null for a task whose results collide. */
export function canonicalHashOf(index: number): string | null {
    return kindOf(index) === 'collide' ? null : canonicalResultHash({ task: index, digest: 'right' });
}

export interface Seeded {
    taskIds: string[];
    workers: Record<string, { deviceId: string; token: string }>;
}

/** Registers the workers, opens every task (funded on the sandbox, escrow confirmed) and fills its slots. */
export async function seedPlan(f: ServiceFixture): Promise<Seeded> {
    const workers: Seeded['workers'] = {};
    for (const name of WORKER_NAMES) {
        const { deviceId, token } = await f.worker(name);
        workers[name] = { deviceId, token };
    }
    const taskIds: string[] = [];
    for (let index = 0; index < TASK_COUNT; index++) {
        const task = await f.openTask({ redundancy: REDUNDANCY });
        if (task.redundancy !== REDUNDANCY) throw new Error(`task ${index} opened with redundancy ${task.redundancy}`);
        for (const name of slotHoldersOf(index)) {
            const claim = await f.claim(workers[name], task.task_id);
            if (claim.status !== 200) throw new Error(`${name} could not claim task ${index}: ${JSON.stringify(claim.body)}`);
        }
        taskIds.push(task.task_id);
    }
    return { taskIds, workers };
}
