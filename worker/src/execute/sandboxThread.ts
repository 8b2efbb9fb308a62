// The code of a sandbox thread. The thread is started from this function's source text rather than from a file,
// so it runs the same under ts-node, jest and compiled JavaScript with no loader in the thread. That is why it
// imports nothing at run time (the type imports vanish) and keeps its helpers inside itself.
import type { SandboxFailureReason, SandboxJob, SandboxReport } from './sandboxMessages';
import type { WasmMemory, WebAssemblyApi } from './webAssemblyApi';

// Coverage counters must stay out of this function: in the thread they would be undefined names. (The hint sits
// here because TypeScript drops comments attached to type-only imports.)
/* istanbul ignore next */
function sandboxThreadMain(): void {
    const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
    const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const job = workerData as SandboxJob;

    const report = (message: SandboxReport, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
    const fail = (reason: SandboxFailureReason, error: unknown) =>
        report({ kind: 'failed', reason, message: error instanceof Error ? error.message : String(error) });
    // A TypeError is the engine refusing the host's side of the contract (a missing import, a value that does
    // not convert to the parameter's type); anything else thrown by module code is the module failing.
    const blame = (error: unknown): SandboxFailureReason =>
        error instanceof wasm.LinkError || error instanceof TypeError ? 'bad_abi' : 'trap';

    report({ kind: 'started' });
    let module;
    try {
        module = new wasm.Module(job.bytes);
    } catch (error) {
        return fail('invalid_module', error);
    }
    let memory: WasmMemory | null = null;
    if (job.memory) {
        try {
            memory = new wasm.Memory({ initial: job.memory.initialPages, maximum: job.memory.maximumPages });
        } catch (error) {
            return fail('memory_limit', error);
        }
    }
    let entry: unknown;
    try {
        entry = new wasm.Instance(module, memory ? { env: { memory } } : {}).exports[job.entry];
    } catch (error) {
        return fail(blame(error), error);
    }
    if (typeof entry !== 'function') {
        return fail('bad_abi', `the module exports no function ${job.entry}`);
    }
    let value: unknown;
    try {
        value = entry(...job.args);
    } catch (error) {
        return fail(blame(error), error);
    }

    if (job.outputSpanBytes === 0 || !Number.isInteger(value) || (value as number) < 0) {
        return report({ kind: 'returned', value, span: null });
    }
    if (!memory) {
        return fail('bad_abi', `${job.entry} returned an offset, but the module imports no memory to read it from`);
    }
    const offset = value as number;
    if (offset + job.outputSpanBytes > memory.buffer.byteLength) {
        return fail('bad_abi', `${job.entry} returned offset ${offset}; ${job.outputSpanBytes} bytes from there run past the memory`);
    }
    const span = new Uint8Array(memory.buffer, offset, job.outputSpanBytes).slice();
    report({ kind: 'returned', value, span }, [span.buffer]);
}

/** JavaScript that runs the thread's code when evaluated as a worker. */
export const SANDBOX_THREAD_SOURCE = `(${sandboxThreadMain.toString()})();`;
