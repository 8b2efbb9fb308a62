// What the parent hands a sandbox thread, and what the thread reports back.
import { HostMemory } from './resourcePlan';

export interface SandboxJob {
    bytes: Uint8Array;
    entry: string;
    args: number[];
    /** The memory to create and import as env.memory, or null when the module imports none. */
    memory: HostMemory | null;
    /** When above 0 and the entry returns a non-negative offset, the thread copies this many bytes from it. */
    outputSpanBytes: number;
}

export type SandboxFailureReason = 'invalid_module' | 'bad_abi' | 'trap' | 'memory_limit';

export type SandboxReport =
    /** Sent before compiling, so the time budget covers the module's work and not the thread's start-up. */
    | { kind: 'started' }
    | { kind: 'returned'; value: unknown; span: Uint8Array | null }
    | { kind: 'failed'; reason: SandboxFailureReason; message: string };
