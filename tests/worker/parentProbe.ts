// Observing the parent while a module runs: its event loop and its thread count.
import { existsSync, readdirSync } from 'node:fs';

const TASKS_DIR = '/proc/self/task';

/** Linux lists a process's threads under /proc; elsewhere the thread checks are skipped. */
export const canCountThreads = existsSync(TASKS_DIR);

export function threadCount(): number {
    return readdirSync(TASKS_DIR).length;
}

/** Counts the parent's timer ticks while `work` runs: a blocked event loop would count none. */
export async function ticksDuring<T>(work: () => Promise<T>, everyMs: number): Promise<{ result: T; ticks: number; elapsedMs: number }> {
    let ticks = 0;
    const timer = setInterval(() => ticks++, everyMs);
    const started = performance.now();
    try {
        const result = await work();
        return { result, ticks, elapsedMs: performance.now() - started };
    } finally {
        clearInterval(timer);
    }
}
