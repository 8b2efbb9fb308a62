// What the demo runs, from environment variables, so the test can ask for a small run.
import { toNano } from '@ton/core';
import { Behaviour } from './behaviours';

export interface DemoConfig {
    tasks: number;
    behaviours: Behaviour[];
    /**
     * Seconds from task creation to the escrows' deadline. The service signs no payout intent within 60 s of the
     * deadline, so the tasks must be decided well before that; 90 is the least the demo accepts.
     */
    deadlineSeconds: number;
    slotTimeoutSeconds: number;
    redundancy: number;
    budgetPerTask: bigint;
    requesterGrant: bigint;
    workerGrant: bigint;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
    return Number(raw);
}

export function demoConfig(env: NodeJS.ProcessEnv): DemoConfig {
    const workers = whole(env, 'DEMO_WORKERS', 6, 1);
    const liars = whole(env, 'DEMO_LIARS', 1, 0);
    const dropouts = whole(env, 'DEMO_DROPOUTS', workers >= 5 ? 1 : 0, 0);
    const honest = workers - liars - dropouts;
    const redundancy = whole(env, 'DEMO_REDUNDANCY', 3, 1);
    // Consensus needs a strict honest majority of the quorum, and every result must come from another wallet.
    if (honest < Math.floor(redundancy / 2) + 1 || honest + liars < redundancy) {
        throw new Error(`${honest} honest and ${liars} lying workers cannot validate tasks of redundancy ${redundancy}`);
    }
    return {
        tasks: whole(env, 'DEMO_TASKS', 4, 1),
        behaviours: [
            ...Array<Behaviour>(honest).fill('honest'),
            ...Array<Behaviour>(liars).fill('liar'),
            ...Array<Behaviour>(dropouts).fill('dropout'),
        ],
        deadlineSeconds: whole(env, 'DEMO_DEADLINE_SECONDS', 120, 90),
        slotTimeoutSeconds: whole(env, 'DEMO_SLOT_TIMEOUT_SECONDS', 15, 10),
        redundancy,
        budgetPerTask: toNano('1'),
        requesterGrant: toNano('20'),
        workerGrant: toNano('1'),
    };
}
