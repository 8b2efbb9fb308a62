// The time budget of an isolated run, the same for a Node thread and a browser Web Worker: the budget starts when
// the runner reports it is up (its start-up is the host's cost), and when it runs out the runner is terminated,
// which interrupts even a module that never returns. The run settles once the runner is gone.
import { SandboxReport, SandboxResult } from './sandboxMessages';

/** A runner that has not started within this long is stopped as broken; this wait does not count against the budget. */
export const SANDBOX_STARTUP_GRACE_MS = 10_000;

/** What a runner tells its supervisor. */
export interface RunnerSignals {
    /** A message from the runner. */
    report(report: SandboxReport): void;
    /** The runner died of the module's doing (its heap ran out). */
    outOfMemory(message: string): void;
    /** The runner itself broke: the host's fault, not the module's. */
    broke(error: Error): void;
}

/** The supervisor's hold on a runner. */
export interface RunnerHandle {
    /** Stops the runner; resolves once it is gone. */
    terminate(): Promise<unknown> | void;
}

/**
 * Starts a runner with `start` and supervises it under `timeMs`. Everything a module can do resolves to a result;
 * the promise rejects only when the runner breaks, which must not be reported as the module's fault.
 */
export function superviseRun(start: (signals: RunnerSignals) => RunnerHandle, timeMs: number, startupGraceMs = SANDBOX_STARTUP_GRACE_MS): Promise<SandboxResult> {
    return new Promise((resolve, reject) => {
        let runner: RunnerHandle | undefined;
        let settled = false;
        let budget: ReturnType<typeof setTimeout> | undefined;
        const finish = (settle: () => void) => {
            if (settled) return;
            settled = true;
            clearTimeout(startup);
            clearTimeout(budget);
            // A microtask later, so a runner that signals while it is being started is already held.
            void Promise.resolve()
                .then(() => runner?.terminate())
                .then(settle, settle);
        };
        const startup = setTimeout(
            () => finish(() => reject(new Error(`the sandbox did not start within ${startupGraceMs} ms`))),
            startupGraceMs,
        );
        runner = start({
            report(report) {
                if (report.kind !== 'started') {
                    finish(() => resolve(report));
                    return;
                }
                if (settled || budget !== undefined) return;
                clearTimeout(startup);
                budget = setTimeout(
                    () => finish(() => resolve({ kind: 'failed', reason: 'timeout', message: `the module ran longer than ${timeMs} ms` })),
                    timeMs,
                );
            },
            outOfMemory: (message) => finish(() => resolve({ kind: 'failed', reason: 'memory_limit', message })),
            broke: (error) => finish(() => reject(error)),
        });
    });
}
