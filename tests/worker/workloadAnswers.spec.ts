import { Value } from '@sinclair/typebox/value';
import { executeModule } from '../../worker/src/execute';
import { hashChain } from '../../worker/src/workloads/hashChain';
import { matrixProduct } from '../../worker/src/workloads/matrixProduct';
import { primeSieve } from '../../worker/src/workloads/primeSieve';
import { committedModule, ROOMY_LIMITS } from './modules';
import { fnv1a32, hashChainReference } from './reference/fnv1a';
import { matrixProductReference } from './reference/matrixProduct';
import { primeCountReference } from './reference/primeCount';

async function run(name: string, input: unknown) {
    const { bytes, sha256 } = committedModule(name);
    return executeModule(bytes, sha256, input, ROOMY_LIMITS);
}

describe('hash-chain', () => {
    it('the reference is FNV-1a: it reproduces the published vectors', () => {
        expect(fnv1a32(new Uint8Array())).toBe(0x811c9dc5);
        expect(fnv1a32(Buffer.from('a'))).toBe(0xe40c292c);
        expect(fnv1a32(Buffer.from('foobar'))).toBe(0xbf9cf968);
    });

    it.each([
        [0, 0],
        [0, 1],
        [1, 1_000],
        [0xdeadbeef, 12_345],
        [0xffff_ffff, 100_000],
    ])('seed %i, %i rounds: the module agrees with the reference', async (seed, rounds) => {
        const outcome = await run('hash-chain', { seed, rounds });
        expect(outcome).toEqual({ ok: true, output: { hash: hashChainReference(seed, rounds) } });
        expect(Value.Check(hashChain.outputSchema, outcome.ok && outcome.output)).toBe(true);
    });
});

describe('prime-sieve', () => {
    it.each([
        [1_000, 168],
        [100_000, 9_592],
        [1_000_000, 78_498],
        [10_000_000, 664_579],
    ])('there are as many primes below %i as the tables say (%i)', async (limit, count) => {
        const outcome = await run('prime-sieve', { limit });
        expect(outcome).toEqual({ ok: true, output: { count } });
        expect(Value.Check(primeSieve.outputSchema, outcome.ok && outcome.output)).toBe(true);
    });

    it('small limits around primes and squares agree with trial division', async () => {
        const limits = [0, 1, 2, 3, 4, 5, 9, 10, 25, 26, 121, 122];
        const outcomes = await Promise.all(limits.map((limit) => run('prime-sieve', { limit })));
        expect(outcomes).toEqual(limits.map((limit) => ({ ok: true, output: { count: primeCountReference(limit) } })));
    });
});

describe('matrix-product', () => {
    it.each([
        [1, 1],
        [42, 2],
        [0xdeadbeef, 17],
        [7, 64],
        [0xffff_ffff, 256],
    ])('seed %i, order %i: the module agrees with the reference', async (seed, n) => {
        const outcome = await run('matrix-product', { seed, n });
        expect(outcome).toEqual({ ok: true, output: matrixProductReference(seed, n) });
        expect(Value.Check(matrixProduct.outputSchema, outcome.ok && outcome.output)).toBe(true);
    });
});

it('the same task run twice gives the same output', async () => {
    const first = await run('matrix-product', { seed: 99, n: 33 });
    const second = await run('matrix-product', { seed: 99, n: 33 });
    expect(second).toEqual(first);
});
