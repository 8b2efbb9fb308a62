// A workload is one kind of task with a fixed ABI: how a task's JSON input becomes the arguments of one
// exported function, and how what that function returns becomes a deterministic JSON output.
import { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { JsonValue } from './json';

/** What the ABI says about a module, as recorded in the manifest. */
export interface AbiDescription {
    /** The exported function the host calls. A module follows this ABI by exporting a function of this name. */
    entry: string;
    signature: string;
    /** `env.memory` when the module imports the host's memory, `none` when it needs no memory. */
    memory: 'env.memory' | 'none';
    result: string;
}

/** The hex sha256 of some bytes. The host supplies it (node:crypto in Node, crypto.subtle in a browser), so the
 * workloads need no platform's hashing. */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

/** How the host reads what the entry function returned. */
export type Interpretation =
    | { ok: true; output: JsonValue }
    | { ok: false; reason: 'memory_limit' | 'bad_abi'; message: string };

/** One call of the entry function, prepared from a valid input. */
export interface PreparedCall {
    args: number[];
    /** Bytes the host copies out of memory from the offset the call returns; 0 when the returned value is all. */
    outputSpanBytes: number;
    interpret(value: unknown, span: Uint8Array | null, sha256: Sha256): Interpretation | Promise<Interpretation>;
}

export interface Workload {
    /** The module's name in the manifest and in worker/modules/. */
    name: string;
    abi: AbiDescription;
    inputSchema: TSchema;
    outputSchema: TSchema;
    /** Why `input` is not one this workload takes, naming the first offending field; null when it is. */
    inputProblem(input: unknown): string | null;
    prepare(input: unknown): { ok: true; call: PreparedCall } | { ok: false; message: string };
}

interface WorkloadSpec<Input extends TSchema> {
    name: string;
    abi: AbiDescription;
    inputSchema: Input;
    outputSchema: TSchema;
    call(input: Static<Input>): PreparedCall;
}

/** A workload whose `prepare` accepts exactly the inputs its schema describes. */
export function defineWorkload<Input extends TSchema>(spec: WorkloadSpec<Input>): Workload {
    const inputProblem = (input: unknown): string | null => {
        const error = Value.Errors(spec.inputSchema, input).First();
        return error ? `input${error.path.replace(/\//g, '.')}: ${error.message}` : null;
    };
    return {
        name: spec.name,
        abi: spec.abi,
        inputSchema: spec.inputSchema,
        outputSchema: spec.outputSchema,
        inputProblem,
        prepare(input) {
            const message = inputProblem(input);
            if (message !== null) return { ok: false, message };
            return { ok: true, call: spec.call(input as Static<Input>) };
        },
    };
}

/** What JavaScript receives from an i32 result. A float result passes only when it holds such a value, and then
 * reads exactly as the i32 would. */
export function isI32(value: unknown): value is number {
    return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
}

/** A result the ABI does not allow: not a number, or a negative number other than the out-of-memory -1. */
export function unexpectedResult(abi: AbiDescription, value: unknown): Interpretation {
    const shown = typeof value === 'bigint' ? `${value}n` : String(value);
    return { ok: false, reason: 'bad_abi', message: `${abi.entry} returned ${shown}; the ABI says ${abi.result}` };
}

/** The ABIs' shared way of saying "the host's memory cap stopped me". */
export function memoryRefused(abi: AbiDescription): Interpretation {
    return { ok: false, reason: 'memory_limit', message: `${abi.entry} could not grow its memory within the cap` };
}
