// What the host hands the isolated runner (a Node thread, a browser Web Worker), what the runner reports back,
// and what a supervised run comes to.
import { HostMemory } from './resourcePlan';

export interface SandboxJob {
    bytes: Uint8Array;
    entry: string;
    args: number[];
    /** The memory to create and import as env.memory, or null when the module imports none. */
    memory: HostMemory | null;
    /** When above 0 and the entry returns a non-negative offset, the runner copies this many bytes from it. */
    outputSpanBytes: number;
}

export type SandboxFailureReason = 'invalid_module' | 'bad_abi' | 'trap' | 'memory_limit';

export type SandboxReport =
    /** Sent before compiling, so the time budget covers the module's work and not the runner's start-up. */
    | { kind: 'started' }
    | { kind: 'returned'; value: unknown; span: Uint8Array | null }
    | { kind: 'failed'; reason: SandboxFailureReason; message: string };

/** How one isolated call ended: what the runner reported, or the host stopped it at its time budget. */
export type SandboxResult =
    | Extract<SandboxReport, { kind: 'returned' }>
    | { kind: 'failed'; reason: SandboxFailureReason | 'timeout'; message: string };
