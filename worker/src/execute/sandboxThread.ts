// The code of a Node sandbox thread. The thread is started from source text rather than from a file, so it runs
// the same under ts-node, jest and compiled JavaScript with no loader in the thread. The text is this function's,
// called with the shared run step's own text (runStep.ts): the thread only reports it is up and runs that step.
import { runModuleCall } from './runStep';
import type { SandboxJob, SandboxReport } from './sandboxMessages';
import type { WebAssemblyApi } from './webAssemblyApi';

// Coverage counters must stay out of this function: in the thread they would be undefined names. (The hint sits
// here because TypeScript drops comments attached to type-only imports.)
/* istanbul ignore next */
function sandboxThreadMain(run: typeof runModuleCall): void {
    const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
    const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const report = (message: SandboxReport, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
    report({ kind: 'started' });
    const { report: outcome, transfer } = run(wasm, workerData as SandboxJob);
    report(outcome, transfer);
}

/** JavaScript that runs the thread's code when evaluated as a worker. */
export const SANDBOX_THREAD_SOURCE = `(${sandboxThreadMain.toString()})(${runModuleCall.toString()});`;
