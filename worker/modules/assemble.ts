// Turns the WAT sources into wasm bytes. The same sources and wabt version give the same bytes: no names
// section, canonical (shortest) LEB128 encodings, and no timestamps or paths in the output.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabt from 'wabt';
import { WORKLOADS } from '../src/workloads/registry';

export const MODULES_DIR = __dirname;
export const DIST_DIR = join(__dirname, 'dist');
export const MANIFEST_PATH = join(DIST_DIR, 'manifest.json');

export interface AssembledModule {
    name: string;
    bytes: Buffer;
    sha256: string;
}

export async function assembleWorkloads(): Promise<AssembledModule[]> {
    const toolkit = await wabt();
    return WORKLOADS.map(({ name }) => {
        const fileName = `${name}.wat`;
        const parsed = toolkit.parseWat(fileName, readFileSync(join(MODULES_DIR, fileName), 'utf8'));
        try {
            parsed.resolveNames();
            parsed.validate();
            const bytes = Buffer.from(parsed.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer);
            return { name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
        } finally {
            parsed.destroy();
        }
    });
}

/** name → hash, size, ABI and schemas of every workload, as written to dist/manifest.json. */
export function manifestOf(modules: readonly AssembledModule[]): string {
    const entries = modules.map(({ name, bytes, sha256 }) => {
        const workload = WORKLOADS.find((candidate) => candidate.name === name)!;
        const description = {
            sha256,
            size: bytes.length,
            abi: workload.abi,
            input: workload.inputSchema,
            output: workload.outputSchema,
        };
        return [name, description] as const;
    });
    return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}
