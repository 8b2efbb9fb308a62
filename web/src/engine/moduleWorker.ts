// The Web Worker that runs one module call: it says it is up, runs the shared run step (the very function Node's
// sandbox thread runs) on the job it is sent, and reports. The page terminates it afterwards, or at the time limit.
import { runModuleCall } from '../../../worker/src/execute/runStep';
import type { SandboxJob, SandboxReport } from '../../../worker/src/execute/sandboxMessages';
import type { WebAssemblyApi } from '../../../worker/src/execute/webAssemblyApi';

interface ModuleWorkerScope {
    WebAssembly: WebAssemblyApi;
    onmessage: ((event: { data: SandboxJob }) => void) | null;
    postMessage(message: SandboxReport, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as ModuleWorkerScope;

scope.onmessage = ({ data }) => {
    scope.onmessage = null;
    scope.postMessage({ kind: 'started' }, []);
    const { report, transfer } = runModuleCall(scope.WebAssembly, data);
    scope.postMessage(report, transfer);
};
