// Modules for the tests: the committed workloads, and small ones assembled from WAT written in a test.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabt from 'wabt';
import { DIST_DIR } from '../../worker/modules/assemble';
import { ExecutionLimits } from '../../worker/src/execute';

export interface TestModule {
    bytes: Buffer;
    sha256: string;
}

/** Roomy limits for runs that are not about limits. */
export const ROOMY_LIMITS: ExecutionLimits = { timeMs: 10_000, memoryBytes: 64 * 1024 * 1024 };

export function sha256Of(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
}

export function committedModule(name: string): TestModule {
    const bytes = readFileSync(join(DIST_DIR, `${name}.wasm`));
    return { bytes, sha256: sha256Of(bytes) };
}

let toolkit: ReturnType<typeof wabt> | undefined;

/** `features` turns on WebAssembly proposals wabt does not accept by default, such as `threads`. */
export async function moduleFromWat(source: string, features: Record<string, boolean> = {}): Promise<TestModule> {
    toolkit ??= wabt();
    const parsed = (await toolkit).parseWat('test.wat', source, features);
    try {
        parsed.resolveNames();
        // wabt.js validates with the features it is given here as well; its typings leave the parameter out.
        (parsed as unknown as { validate(features: Record<string, boolean>): void }).validate(features);
        const bytes = Buffer.from(parsed.toBinary({}).buffer);
        return { bytes, sha256: sha256Of(bytes) };
    } finally {
        parsed.destroy();
    }
}
