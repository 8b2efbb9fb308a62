// A stand-in for the page's Web Worker under jest: it answers like web/src/engine/moduleWorker.ts (started, then the
// shared run step's report) but in this thread, a tick later. Or it starts and never answers, as a spinning module.
import type { ModuleWorker } from '../../../web/src/engine/browserModuleHost';
import { runModuleCall, SandboxJob } from '../../../worker/src/execute/portable';
import { WebAssemblyApi } from '../../../worker/src/execute/webAssemblyApi';

const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export interface FakeWorker extends ModuleWorker {
    posted: SandboxJob[];
    terminated: boolean;
}

export function inThreadWorker(behaviour: 'runs' | 'spins' | 'breaks' = 'runs'): FakeWorker {
    const worker: FakeWorker = {
        posted: [],
        terminated: false,
        onmessage: null,
        onerror: null,
        onmessageerror: null,
        postMessage(job) {
            worker.posted.push(job);
            const say = (data: unknown) => !worker.terminated && worker.onmessage?.({ data });
            setTimeout(() => {
                if (behaviour === 'breaks') return worker.onerror?.({ message: 'Failed to fetch the worker script' });
                say({ kind: 'started' });
                if (behaviour === 'runs') say(runModuleCall(wasm, job).report);
            }, 1);
        },
        terminate() {
            worker.terminated = true;
        },
    };
    return worker;
}
