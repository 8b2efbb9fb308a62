// The one step that runs module code: compile, create the host's memory, instantiate, call the entry, copy the
// output span. Node's sandbox thread and the browser's Web Worker both run this very function. Node ships it to its
// thread as source text (see sandboxThread.ts), so it must stand alone: it uses its parameters and the language's
// globals only, never an import or a name from this file (the type imports vanish when compiled).
import type { SandboxFailureReason, SandboxJob, SandboxReport } from './sandboxMessages';
import type { WasmMemory, WebAssemblyApi } from './webAssemblyApi';

/** What the step reports, and the buffers to hand over with it rather than copy. */
export interface RunStepResult {
    report: Exclude<SandboxReport, { kind: 'started' }>;
    transfer: ArrayBuffer[];
}

// Coverage counters must stay out of this function: in the Node thread they would be undefined names.
/* istanbul ignore next */
export function runModuleCall(wasm: WebAssemblyApi, job: SandboxJob): RunStepResult {
    const done = (report: RunStepResult['report'], transfer: ArrayBuffer[] = []): RunStepResult => ({ report, transfer });
    const fail = (reason: SandboxFailureReason, error: unknown) =>
        done({ kind: 'failed', reason, message: error instanceof Error ? error.message : String(error) });
    // A TypeError is the engine refusing the host's side of the contract (a missing import, a value that does
    // not convert to the parameter's type); anything else thrown by module code is the module failing.
    const blame = (error: unknown): SandboxFailureReason =>
        error instanceof wasm.LinkError || error instanceof TypeError ? 'bad_abi' : 'trap';

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
        return done({ kind: 'returned', value, span: null });
    }
    if (!memory) {
        return fail('bad_abi', `${job.entry} returned an offset, but the module imports no memory to read it from`);
    }
    const offset = value as number;
    if (offset + job.outputSpanBytes > memory.buffer.byteLength) {
        return fail('bad_abi', `${job.entry} returned offset ${offset}; ${job.outputSpanBytes} bytes from there run past the memory`);
    }
    const span = new Uint8Array(memory.buffer, offset, job.outputSpanBytes).slice();
    return done({ kind: 'returned', value, span }, [span.buffer]);
}
