// The browser host of the module contract, with the Web Worker stood in for (jest has none): the job it posts is
// the contract's, the answers are the known ones with Web Crypto's sha256, the time limit terminates the worker,
// and a broken worker is the host's fault. The real Web Worker runs in the browser tests (tests/web).
import { createHash } from 'node:crypto';
import { browserModuleHost } from '../../../web/src/engine/browserModuleHost';
import { webCryptoSha256 } from '../../../web/src/engine/webCryptoSha256';
import { executeOnHost } from '../../../worker/src/execute/portable';
import { committedModule, ROOMY_LIMITS } from '../modules';
import { matrixProductReference } from '../reference/matrixProduct';
import { FakeWorker, inThreadWorker } from './inThreadWorker';

const MiB = 1024 * 1024;

function hostWith(behaviour: 'runs' | 'spins' | 'breaks') {
    const spawned: FakeWorker[] = [];
    const host = browserModuleHost(() => {
        const worker = inThreadWorker(behaviour);
        spawned.push(worker);
        return worker;
    }, 500);
    return { host, spawned };
}

it('Web Crypto gives the same sha256 as node:crypto', async () => {
    const bytes = committedModule('prime-sieve').bytes;
    expect(await webCryptoSha256(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await webCryptoSha256(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

it('gives the known answers, one Web Worker per call, each terminated afterwards', async () => {
    const { host, spawned } = hostWith('runs');
    const sieve = committedModule('prime-sieve');
    const matrix = committedModule('matrix-product');
    expect(await executeOnHost(host, sieve.bytes, sieve.sha256, { limit: 1_000_000 }, ROOMY_LIMITS)).toEqual({ ok: true, output: { count: 78_498 } });
    expect(await executeOnHost(host, matrix.bytes, matrix.sha256, { seed: 7, n: 4 }, ROOMY_LIMITS)).toEqual({ ok: true, output: matrixProductReference(7, 4) });
    expect(spawned.map((worker) => worker.terminated)).toEqual([true, true]);
});

it('posts the contract\'s job: the entry, the arguments and the memory capped at the limit', async () => {
    const { host, spawned } = hostWith('runs');
    const { bytes, sha256 } = committedModule('prime-sieve');
    await executeOnHost(host, bytes, sha256, { limit: 1000 }, { timeMs: 1_000, memoryBytes: 2 * MiB + 100 });
    const [job] = spawned[0].posted;
    expect({ ...job, bytes: job.bytes.length }).toEqual({
        bytes: bytes.length,
        entry: 'prime_sieve',
        args: [1000],
        memory: { initialPages: expect.any(Number), maximumPages: 32 },
        outputSpanBytes: 0,
    });
});

it('the refusals come before any Web Worker is started', async () => {
    const { host, spawned } = hostWith('runs');
    const { bytes, sha256 } = committedModule('hash-chain');
    expect(await executeOnHost(host, bytes, 'ab'.repeat(32), { seed: 1, rounds: 1 }, ROOMY_LIMITS)).toMatchObject({ ok: false, reason: 'hash_mismatch' });
    expect(await executeOnHost(host, bytes, sha256, { seed: -1, rounds: 1 }, ROOMY_LIMITS)).toMatchObject({ ok: false, reason: 'bad_input' });
    expect(spawned).toEqual([]);
});

it('a module that overruns its time is a timeout, and its Web Worker is terminated', async () => {
    const { host, spawned } = hostWith('spins');
    const { bytes, sha256 } = committedModule('hash-chain');
    expect(await executeOnHost(host, bytes, sha256, { seed: 1, rounds: 1 }, { timeMs: 50, memoryBytes: MiB })).toEqual({
        ok: false,
        reason: 'timeout',
        message: 'the module ran longer than 50 ms',
    });
    expect(spawned[0].terminated).toBe(true);
});

it('a Web Worker that fails to load is the host\'s fault: the run rejects rather than blaming the module', async () => {
    const { host } = hostWith('breaks');
    const { bytes, sha256 } = committedModule('hash-chain');
    await expect(executeOnHost(host, bytes, sha256, { seed: 1, rounds: 1 }, ROOMY_LIMITS)).rejects.toThrow(
        "the module's Web Worker failed: Failed to fetch the worker script",
    );
});
