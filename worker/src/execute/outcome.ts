// What running a task's module can come to.
import { JsonValue } from '../workloads/json';

export type FailureReason = 'hash_mismatch' | 'invalid_module' | 'trap' | 'timeout' | 'memory_limit' | 'bad_input' | 'bad_abi';

export type ExecutionOutcome = { ok: true; output: JsonValue } | { ok: false; reason: FailureReason; message: string };

export interface ExecutionLimits {
    /** Wall-clock time for compiling, instantiating and running the module, from the moment its thread is up. */
    timeMs: number;
    /** The most memory the module may hold; rounded down to whole 64 KiB pages. */
    memoryBytes: number;
}

/** What a worker gives each task unless told otherwise: the CLI and the browser engine alike. */
export const DEFAULT_LIMITS: ExecutionLimits = { timeMs: 10_000, memoryBytes: 64 * 1024 * 1024 };
