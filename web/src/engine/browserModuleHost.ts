// The browser host of the module contract (worker/src/execute/moduleContract.ts): sha256 from Web Crypto, and each
// call in its own Web Worker under the shared time budget (superviseRun), terminated when the budget runs out.
// The Web Worker runs the shared run step, which caps memory through the env.memory it imports, as in Node.
import { ModuleHost, SandboxJob, SandboxReport, superviseRun } from '../../../worker/src/execute/portable';
import { webCryptoSha256 } from './webCryptoSha256';

/** The parts of a Web Worker the host uses (a real one in the page; a stand-in in jest). */
export interface ModuleWorker {
    onmessage: ((event: { data: unknown }) => void) | null;
    onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
    onmessageerror: ((event: unknown) => void) | null;
    postMessage(message: SandboxJob): void;
    terminate(): void;
}

export function browserModuleHost(spawnWorker: () => ModuleWorker, startupGraceMs?: number): ModuleHost {
    return {
        sha256: webCryptoSha256,
        run: (job, timeMs) =>
            superviseRun(
                (signals) => {
                    const worker = spawnWorker();
                    worker.onmessage = (event) => signals.report(event.data as SandboxReport);
                    worker.onerror = (event) => {
                        // Handled here: the page's console shows no uncaught error for it.
                        event.preventDefault?.();
                        signals.broke(new Error(`the module's Web Worker failed: ${event.message ?? 'unknown error'}`));
                    };
                    worker.onmessageerror = () => signals.broke(new Error("the module's Web Worker sent a message that could not be read"));
                    // Copied, not transferred: the module cache keeps these bytes for the next task.
                    worker.postMessage(job);
                    return { terminate: () => worker.terminate() };
                },
                timeMs,
                startupGraceMs,
            ),
    };
}
