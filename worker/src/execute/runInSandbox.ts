// Node's isolated runner: one call of a module in its own worker thread, under the shared time budget
// (supervisedRun.ts). Terminating a thread interrupts even a module that never returns, so the parent's event
// loop never waits on module code.
import { Worker } from 'node:worker_threads';
import { SandboxJob, SandboxReport, SandboxResult } from './sandboxMessages';
import { SANDBOX_THREAD_SOURCE } from './sandboxThread';
import { superviseRun } from './supervisedRun';

/** Limits of the thread's own JavaScript heap. Module memory is not on that heap; the host's env.memory caps it. */
export const SANDBOX_THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

/** Settles once the thread has exited, so no module code is still running by then. */
export function runInSandbox(job: SandboxJob, timeMs: number): Promise<SandboxResult> {
    return superviseRun((signals) => {
        const worker = new Worker(SANDBOX_THREAD_SOURCE, { eval: true, workerData: job, resourceLimits: SANDBOX_THREAD_LIMITS });
        worker.on('message', (report: SandboxReport) => signals.report(report));
        worker.on('error', (error: Error & { code?: string }) => {
            if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
                signals.outOfMemory(`the sandbox thread ran out of its ${SANDBOX_THREAD_LIMITS.maxOldGenerationSizeMb} MB heap`);
            } else {
                signals.broke(error);
            }
        });
        worker.on('exit', (code) => signals.broke(new Error(`the sandbox thread exited (code ${code}) without a result`)));
        return worker;
    }, timeMs);
}
