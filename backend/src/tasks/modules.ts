// WebAssembly modules, stored once and addressed by the sha256 of their bytes, so a worker can verify what it runs;
// and the bundled workloads' input schemas, which a task naming one of them must match.
import { createHash } from 'crypto';
import { MAX_MODULE_BYTES } from '../../../protocol';
import { workloadNamed } from '../../../worker/src/workloads/registry';
import { ServiceError } from '../service/serviceError';
import { Sql } from '../store/sql';

// Node has WebAssembly built in; the project's TypeScript libs (no DOM) just do not declare it.
declare const WebAssembly: { validate(bytes: Uint8Array): boolean };

/** The four bytes every WebAssembly binary starts with ("\0asm") and its version 1. */
const WASM_HEADER = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export function moduleHash(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
}

/** Stores the module (idempotent) and returns its hash. Rejects what is not a WebAssembly binary. */
export async function putModule(sql: Sql, bytes: Buffer, nowMs: number): Promise<string> {
    if (bytes.length > MAX_MODULE_BYTES) {
        throw new ServiceError('too_large', 'MODULE_TOO_LARGE', `a module may be at most ${MAX_MODULE_BYTES} bytes`);
    }
    if (bytes.length < WASM_HEADER.length || !bytes.subarray(0, WASM_HEADER.length).equals(WASM_HEADER)) {
        throw new ServiceError('invalid', 'NOT_WASM', 'the module is not a WebAssembly binary (version 1)');
    }
    if (!WebAssembly.validate(bytes)) {
        throw new ServiceError('invalid', 'NOT_WASM', 'the module does not validate as WebAssembly');
    }
    const sha256 = moduleHash(bytes);
    await sql.run('INSERT INTO modules (sha256, bytes, created_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING', sha256, bytes, nowMs);
    return sha256;
}

/** The module's bytes; refused as MODULE_NOT_FOUND when there is none. */
export async function requireModule(sql: Sql, sha256: string): Promise<Buffer> {
    const bytes = await getModule(sql, sha256);
    if (!bytes) throw new ServiceError('not_found', 'MODULE_NOT_FOUND', 'no module with this sha256');
    return bytes;
}

export async function getModule(sql: Sql, sha256: string): Promise<Buffer | null> {
    const row = await sql.one<{ bytes: Buffer }>('SELECT bytes FROM modules WHERE sha256 = ?', sha256);
    return row ? row.bytes : null;
}

export async function hasModule(sql: Sql, sha256: string): Promise<boolean> {
    return (await sql.one('SELECT 1 FROM modules WHERE sha256 = ?', sha256)) !== undefined;
}

/**
 * Refuses an input the bundled workload named by `operation` would not run, naming the first offending field, so a
 * task that no worker could compute is never funded. Operations with no bundled workload are taken as they are.
 */
export function checkTaskInput(operation: string, input: unknown): void {
    const problem = workloadNamed(operation)?.inputProblem(input) ?? null;
    if (problem !== null) {
        throw new ServiceError('invalid', 'INPUT_SCHEMA_MISMATCH', `${operation} does not take this input: ${problem}`);
    }
}
