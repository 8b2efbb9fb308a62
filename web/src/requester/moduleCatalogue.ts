// The modules a requester can order work from: the workloads every worker (the CLI and this page's engine) runs,
// each with its input schema, its built module's SHA-256 and the module file itself, bundled with the app so the
// page can upload it (uploads are idempotent) before creating a task.
import type { TSchema } from '@sinclair/typebox';
import manifest from '../../../worker/modules/dist/manifest.json';
import { WORKLOADS } from '../../../worker/src/workloads/registry';

export interface CatalogueModule {
    /** The operation a task names, and the capability workers announce. */
    operation: string;
    sha256: string;
    size: number;
    inputSchema: TSchema;
    /** What the module computes, from its ABI description. */
    describes: string;
    example: unknown;
    wasmUrl: string;
}

const wasmUrls = import.meta.glob<string>('../../../worker/modules/dist/*.wasm', { query: '?url', import: 'default', eager: true });

/** A small input for each workload, so the form starts from something that runs. */
const EXAMPLES: Record<string, unknown> = {
    'hash-chain': { seed: 42, rounds: 100000 },
    'prime-sieve': { limit: 100000 },
    'matrix-product': { seed: 7, n: 16 },
};

export const CATALOGUE: CatalogueModule[] = WORKLOADS.flatMap((workload) => {
    const built = (manifest as Record<string, { sha256: string; size: number } | undefined>)[workload.name];
    const wasmUrl = wasmUrls[`../../../worker/modules/dist/${workload.name}.wasm`];
    if (!built || !wasmUrl) return [];
    return [
        {
            operation: workload.name,
            sha256: built.sha256,
            size: built.size,
            inputSchema: workload.inputSchema,
            describes: `${workload.abi.signature}: ${workload.abi.result}`,
            example: EXAMPLES[workload.name] ?? {},
            wasmUrl,
        },
    ];
});

/** The module's bytes as base64, for POST /api/v1/modules. */
export async function moduleBase64(module: CatalogueModule): Promise<string> {
    const res = await fetch(module.wasmUrl);
    if (!res.ok) throw new Error(`the module file could not be loaded (${res.status})`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
}
