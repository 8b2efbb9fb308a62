// matrix-product: compute-bound work (n^3 multiply-adds) whose result is a whole matrix, read from memory.
import { Type } from '@sinclair/typebox';
import { defineWorkload, isI32, memoryRefused, Sha256, unexpectedResult } from './workload';

const MAX_ORDER = 256;

const abi = {
    entry: 'matrix_product',
    signature: '(seed: i32, n: i32) -> i32',
    memory: 'env.memory',
    result: 'the byte offset of C (n*n little-endian i32, row-major), or -1 when the memory could not grow to 12*n*n bytes',
} as const;

export const matrixProduct = defineWorkload({
    name: 'matrix-product',
    abi,
    inputSchema: Type.Object(
        {
            seed: Type.Integer({ minimum: 1, maximum: 0xffff_ffff }),
            n: Type.Integer({ minimum: 1, maximum: MAX_ORDER }),
        },
        { additionalProperties: false },
    ),
    outputSchema: Type.Object(
        {
            n: Type.Integer({ minimum: 1, maximum: MAX_ORDER }),
            trace: Type.Integer(),
            product_sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        },
        { additionalProperties: false },
    ),
    call: (input) => ({
        args: [input.seed, input.n],
        outputSpanBytes: input.n * input.n * 4,
        async interpret(value, span, sha256) {
            if (value === -1) return memoryRefused(abi);
            if (!isI32(value) || value < 0 || span === null) return unexpectedResult(abi, value);
            return { ok: true, output: await summarise(input.n, span, sha256) };
        },
    }),
});

/** The product condensed to what results are compared by: its trace and the sha256 of its bytes. Wasm memory is
 * little-endian on every host, so the bytes, and so the hash, do not depend on the machine. */
async function summarise(n: number, product: Uint8Array, sha256: Sha256) {
    const cells = new DataView(product.buffer, product.byteOffset, product.byteLength);
    let trace = 0;
    for (let i = 0; i < n; i++) {
        trace += cells.getInt32((i * n + i) * 4, true);
    }
    return { n, trace, product_sha256: await sha256(product) };
}
