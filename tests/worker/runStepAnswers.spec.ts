// The module contract with the shared run step called directly, in this thread: the same known answers as the
// Node sandbox gives (workloadAnswers.spec.ts), so what the browser's Web Worker runs is the contract itself and
// not a second version of it.
import { createHash } from 'node:crypto';
import { executeOnHost, ModuleHost, runModuleCall } from '../../worker/src/execute/portable';
import { NODE_MODULE_HOST } from '../../worker/src/execute/executeModule';
import { SANDBOX_THREAD_SOURCE } from '../../worker/src/execute/sandboxThread';
import { WebAssemblyApi } from '../../worker/src/execute/webAssemblyApi';
import { committedModule, moduleFromWat, ROOMY_LIMITS } from './modules';
import { hashChainReference } from './reference/fnv1a';
import { matrixProductReference } from './reference/matrixProduct';

const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** No thread and no time limit: the run step itself, as a Web Worker calls it. */
const IN_THIS_THREAD: ModuleHost = {
    sha256: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
    run: async (job) => runModuleCall(wasm, job).report,
};

async function run(name: string, input: unknown) {
    const { bytes, sha256 } = committedModule(name);
    return executeOnHost(IN_THIS_THREAD, new Uint8Array(bytes), sha256, input, ROOMY_LIMITS);
}

it('hash-chain gives the known answers', async () => {
    expect(await run('hash-chain', { seed: 1, rounds: 1000 })).toEqual({ ok: true, output: { hash: 2038722543 } });
    expect(await run('hash-chain', { seed: 0xdeadbeef, rounds: 12_345 })).toEqual({ ok: true, output: { hash: hashChainReference(0xdeadbeef, 12_345) } });
});

it('prime-sieve gives the known answers', async () => {
    expect(await run('prime-sieve', { limit: 1_000_000 })).toEqual({ ok: true, output: { count: 78_498 } });
    expect(await run('prime-sieve', { limit: 26 })).toEqual({ ok: true, output: { count: 9 } });
});

it('matrix-product gives the known answers, its product hashed with the host sha256', async () => {
    expect(await run('matrix-product', { seed: 7, n: 4 })).toEqual({ ok: true, output: matrixProductReference(7, 4) });
    expect(await run('matrix-product', { seed: 0xdeadbeef, n: 17 })).toEqual({ ok: true, output: matrixProductReference(0xdeadbeef, 17) });
});

it('the run step gives the same outcome in this thread as in the Node sandbox thread', async () => {
    const { bytes, sha256 } = committedModule('matrix-product');
    const input = { seed: 99, n: 33 };
    const direct = await executeOnHost(IN_THIS_THREAD, bytes, sha256, input, ROOMY_LIMITS);
    const threaded = await executeOnHost(NODE_MODULE_HOST, bytes, sha256, input, ROOMY_LIMITS);
    expect(direct).toEqual(threaded);
    expect(direct.ok).toBe(true);
});

it('the run step reports a trap and a bad ABI as the sandbox does', async () => {
    const trap = await moduleFromWat(`(module (func (export "hash_chain") (param i32 i32) (result i32) (unreachable)))`);
    expect(await executeOnHost(IN_THIS_THREAD, trap.bytes, trap.sha256, { seed: 1, rounds: 1 }, ROOMY_LIMITS)).toEqual({
        ok: false,
        reason: 'trap',
        message: 'unreachable',
    });
    const wide = await moduleFromWat(`(module (func (export "hash_chain") (param i64 i32) (result i32) (i32.const 0)))`);
    expect(await executeOnHost(IN_THIS_THREAD, wide.bytes, wide.sha256, { seed: 1, rounds: 1 }, ROOMY_LIMITS)).toMatchObject({ ok: false, reason: 'bad_abi' });
});

it('the Node sandbox thread runs the very text of the shared run step', () => {
    expect(SANDBOX_THREAD_SOURCE).toContain(runModuleCall.toString());
});
