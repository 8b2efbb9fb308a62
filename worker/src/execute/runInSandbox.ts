// Runs one call of a module in its own worker thread and stops that thread however the call ends. Terminating a
// thread interrupts even a module that never returns, so the parent's event loop never waits on module code.
import { Worker } from 'node:worker_threads';
import { SandboxFailureReason, SandboxJob, SandboxReport } from './sandboxMessages';
import { SANDBOX_THREAD_SOURCE } from './sandboxThread';

/** Limits of the thread's own JavaScript heap. Module memory is not on that heap; the host's env.memory caps it. */
export const SANDBOX_THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };
/** A thread that has not started within this long is stopped as broken; this wait does not count against the budget. */
export const SANDBOX_STARTUP_GRACE_MS = 10_000;

export type SandboxResult =
    | Extract<SandboxReport, { kind: 'returned' }>
    | { kind: 'failed'; reason: SandboxFailureReason | 'timeout'; message: string };

/**
 * Settles once the thread has exited, so no module code is still running by then. Everything a module can do
 * resolves to a result; the promise rejects only when the sandbox itself fails (the thread does not start, or
 * its own code throws), which is the host's fault and must not be reported as the module's.
 */
export function runInSandbox(job: SandboxJob, timeMs: number): Promise<SandboxResult> {
    return new Promise((resolve, reject) => {
        const worker = new Worker(SANDBOX_THREAD_SOURCE, { eval: true, workerData: job, resourceLimits: SANDBOX_THREAD_LIMITS });
        let settled = false;
        let budget: NodeJS.Timeout | undefined;
        const finish = (settle: () => void) => {
            if (settled) return;
            settled = true;
            clearTimeout(startup);
            clearTimeout(budget);
            worker.terminate().then(settle);
        };
        const startup = setTimeout(
            () => finish(() => reject(new Error(`the sandbox thread did not start within ${SANDBOX_STARTUP_GRACE_MS} ms`))),
            SANDBOX_STARTUP_GRACE_MS,
        );

        worker.on('message', (report: SandboxReport) => {
            if (report.kind !== 'started') {
                finish(() => resolve(report));
                return;
            }
            clearTimeout(startup);
            budget = setTimeout(
                () => finish(() => resolve({ kind: 'failed', reason: 'timeout', message: `the module ran longer than ${timeMs} ms` })),
                timeMs,
            );
        });
        worker.on('error', (error: Error & { code?: string }) => {
            if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
                const message = `the sandbox thread ran out of its ${SANDBOX_THREAD_LIMITS.maxOldGenerationSizeMb} MB heap`;
                finish(() => resolve({ kind: 'failed', reason: 'memory_limit', message }));
            } else {
                finish(() => reject(error));
            }
        });
        worker.on('exit', (code) => finish(() => reject(new Error(`the sandbox thread exited (code ${code}) without a result`))));
    });
}
