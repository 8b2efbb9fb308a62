// Reference for matrix-product: the same generator and product in plain TypeScript.
import { createHash } from 'node:crypto';

function* xorshift32Entries(seed: number): Generator<number> {
    let x = seed | 0;
    for (;;) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        yield x >> 24;
    }
}

export function matrixProductReference(seed: number, n: number) {
    const entries = xorshift32Entries(seed);
    const draw = () => Array.from({ length: n * n }, () => entries.next().value as number);
    const a = draw();
    const b = draw();
    const product = new DataView(new ArrayBuffer(n * n * 4));
    let trace = 0;
    for (let row = 0; row < n; row++) {
        for (let column = 0; column < n; column++) {
            let sum = 0;
            for (let k = 0; k < n; k++) {
                sum += a[row * n + k] * b[k * n + column];
            }
            product.setInt32((row * n + column) * 4, sum, true);
            if (row === column) trace += sum;
        }
    }
    return { n, trace, product_sha256: createHash('sha256').update(new Uint8Array(product.buffer)).digest('hex') };
}
