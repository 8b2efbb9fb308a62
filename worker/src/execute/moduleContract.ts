// The module contract, one implementation for every host: check that the module is the one the task names, work
// out its ABI, turn the input into arguments, plan its memory, have the host run the call in isolation, and turn
// what it returned into the output. Platform-free: the host brings its sha256 and its isolated runner (a Node
// thread, a browser Web Worker), and the bytes are a plain Uint8Array. The cheap refusals (hash, validity, ABI,
// input, memory) all come before the host starts anything.
import { Sha256 } from '../workloads/workload';
import { workloadForExports } from '../workloads/registry';
import { MalformedModuleError, ModuleLayout, readModuleLayout } from './moduleLayout';
import { ExecutionLimits, ExecutionOutcome, FailureReason } from './outcome';
import { planResources } from './resourcePlan';
import { SandboxJob, SandboxResult } from './sandboxMessages';
import { webAssembly } from './webAssemblyApi';

/** The longest budget a timer can hold. */
export const MAX_TIME_MS = 2 ** 31 - 1;
/** The most memory a 32-bit wasm memory can address. */
export const MAX_MEMORY_BYTES = 2 ** 32;

/** What a platform brings to run modules. */
export interface ModuleHost {
    sha256: Sha256;
    /**
     * Runs the job's call isolated from the caller and stops it after `timeMs`, counted from the moment the runner
     * is up. Settles once no module code runs any more; rejects only for the host's own faults.
     */
    run(job: SandboxJob, timeMs: number): Promise<SandboxResult>;
}

/**
 * Runs `input` through the module whose sha256 must be `expectedSha256`, on `host`. Every way the module can fail
 * resolves to `{ ok: false, reason }`; the promise rejects only for the host's own faults (limits out of range, a
 * broken runner).
 */
export async function executeOnHost(
    host: ModuleHost,
    bytes: Uint8Array,
    expectedSha256: string,
    input: unknown,
    limits: ExecutionLimits,
): Promise<ExecutionOutcome> {
    checkLimits(limits);
    const sha256 = await host.sha256(bytes);
    if (sha256 !== expectedSha256.toLowerCase()) {
        return failure('hash_mismatch', `the module's sha256 is ${sha256}, not ${expectedSha256}`);
    }
    // The same check the service applies on upload. Validating compiles nothing and runs nothing, and it lets the
    // layout reader below assume a well-formed binary.
    if (!webAssembly.validate(bytes)) {
        return failure('invalid_module', 'the bytes do not validate as a WebAssembly module');
    }
    let layout: ModuleLayout;
    try {
        layout = readModuleLayout(bytes);
    } catch (error) {
        if (error instanceof MalformedModuleError) return failure('invalid_module', error.message);
        throw error;
    }
    const found = workloadForExports(layout.exportedFunctions);
    if (!found.ok) return failure('bad_abi', found.message);
    const { workload } = found;
    const prepared = workload.prepare(input);
    if (!prepared.ok) return failure('bad_input', `${workload.name}: ${prepared.message}`);
    const resources = planResources(layout, limits.memoryBytes);
    if (!resources.ok) return failure(resources.reason, resources.message);

    const { call } = prepared;
    const result = await host.run(
        { bytes, entry: workload.abi.entry, args: call.args, memory: resources.memory, outputSpanBytes: call.outputSpanBytes },
        limits.timeMs,
    );
    return result.kind === 'returned' ? call.interpret(result.value, result.span, host.sha256) : failure(result.reason, result.message);
}

/** Limits come from the worker's own configuration, so bad ones are a bug to throw on, not a task outcome. */
function checkLimits({ timeMs, memoryBytes }: ExecutionLimits): void {
    if (!(Number.isFinite(timeMs) && timeMs > 0 && timeMs <= MAX_TIME_MS)) {
        throw new RangeError(`timeMs must be in (0, ${MAX_TIME_MS}], not ${timeMs}`);
    }
    if (!(Number.isInteger(memoryBytes) && memoryBytes >= 0 && memoryBytes <= MAX_MEMORY_BYTES)) {
        throw new RangeError(`memoryBytes must be an integer in [0, ${MAX_MEMORY_BYTES}], not ${memoryBytes}`);
    }
}

function failure(reason: FailureReason, message: string): ExecutionOutcome {
    return { ok: false, reason, message };
}
