import { executeModule } from '../../worker/src/execute';
import { committedModule, moduleFromWat, ROOMY_LIMITS, sha256Of } from './modules';

const WASM_HEADER = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

async function runBytes(bytes: Buffer, input: unknown = { seed: 1, rounds: 1 }) {
    return executeModule(bytes, sha256Of(bytes), input, ROOMY_LIMITS);
}

async function runWat(source: string, input?: unknown) {
    return runBytes((await moduleFromWat(source)).bytes, input);
}

describe('hash', () => {
    it('a module whose bytes are not the ones the task names is refused as hash_mismatch', async () => {
        const hashChain = committedModule('hash-chain');
        const primeSieve = committedModule('prime-sieve');
        const outcome = await executeModule(primeSieve.bytes, hashChain.sha256, { limit: 10 }, ROOMY_LIMITS);
        expect(outcome).toEqual({
            ok: false,
            reason: 'hash_mismatch',
            message: `the module's sha256 is ${primeSieve.sha256}, not ${hashChain.sha256}`,
        });
    });

    it('one flipped byte is a hash mismatch, checked before the bytes are even looked at', async () => {
        const { bytes, sha256 } = committedModule('hash-chain');
        const tampered = Buffer.from(bytes);
        tampered[tampered.length - 2] ^= 0x01;
        expect(await executeModule(tampered, sha256, { seed: 1, rounds: 1 }, ROOMY_LIMITS)).toMatchObject({ reason: 'hash_mismatch' });
        expect(await executeModule(Buffer.from('garbage'), sha256, {}, ROOMY_LIMITS)).toMatchObject({ reason: 'hash_mismatch' });
    });

    it('the expected hash may be given in upper case', async () => {
        const { bytes, sha256 } = committedModule('hash-chain');
        expect(await executeModule(bytes, sha256.toUpperCase(), { seed: 0, rounds: 0 }, ROOMY_LIMITS)).toEqual({ ok: true, output: { hash: 0 } });
    });
});

describe('invalid modules', () => {
    it.each([
        ['text', Buffer.from('definitely not wasm')],
        ['nothing', Buffer.alloc(0)],
        ['the header alone cut short', WASM_HEADER.subarray(0, 6)],
        ['a section that runs past the end', Buffer.concat([WASM_HEADER, Buffer.from([0x01, 0x20, 0x01])])],
        ['a type section holding a non-type', Buffer.concat([WASM_HEADER, Buffer.from([0x01, 0x02, 0x01, 0x42])])],
        ['the committed hash-chain cut in half', committedModule('hash-chain').bytes.subarray(0, 60)],
    ])('%s is refused as invalid_module', async (_, bytes) => {
        expect(await runBytes(Buffer.from(bytes))).toEqual({
            ok: false,
            reason: 'invalid_module',
            message: 'the bytes do not validate as a WebAssembly module',
        });
    });
});

describe('ABI', () => {
    it('a module exporting none of the entry functions is refused as bad_abi', async () => {
        const outcome = await runWat('(module (func (export "main") (result i32) (i32.const 0)))');
        expect(outcome).toEqual({
            ok: false,
            reason: 'bad_abi',
            message: 'the module exports none of the entry functions hash_chain, prime_sieve, matrix_product',
        });
    });

    it('an empty module is refused as bad_abi', async () => {
        expect(await runBytes(WASM_HEADER)).toMatchObject({ ok: false, reason: 'bad_abi' });
    });

    it('an entry exported as something other than a function does not count', async () => {
        const outcome = await runWat('(module (global (export "hash_chain") i32 (i32.const 0)))');
        expect(outcome).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('exports none') });
    });

    it('a module exporting two entry functions is refused as ambiguous', async () => {
        const outcome = await runWat(`(module
          (func $zero (param i32 i32) (result i32) (i32.const 0))
          (export "hash_chain" (func $zero))
          (export "matrix_product" (func $zero)))`);
        expect(outcome).toEqual({
            ok: false,
            reason: 'bad_abi',
            message: 'the module exports more than one entry function (hash_chain, matrix_product)',
        });
    });

    it('a module importing a host function is refused: the host provides only env.memory', async () => {
        const outcome = await runWat(`(module
          (import "env" "now" (func $now (result i32)))
          (func (export "hash_chain") (param i32 i32) (result i32) (call $now)))`);
        expect(outcome).toEqual({
            ok: false,
            reason: 'bad_abi',
            message: 'the module imports env.now (function); the host provides only env.memory',
        });
    });

    it('a memory imported under another name is refused', async () => {
        const outcome = await runWat(`(module
          (import "js" "mem" (memory 1))
          (func (export "hash_chain") (param i32 i32) (result i32) (i32.const 0)))`);
        expect(outcome).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('js.mem (memory)') });
    });

    it('a shared memory import is refused: the host hands out only unshared memory', async () => {
        const { bytes } = await moduleFromWat(
            `(module
              (import "env" "memory" (memory 1 2 shared))
              (func (export "hash_chain") (param i32 i32) (result i32) (i32.const 0)))`,
            { threads: true },
        );
        expect(await runBytes(bytes)).toEqual({ ok: false, reason: 'bad_abi', message: 'env.memory must be an unshared 32-bit memory' });
    });

    it('an entry with i64 parameters cannot take the ABI arguments: bad_abi', async () => {
        const outcome = await runWat(`(module
          (func (export "hash_chain") (param i64 i64) (result i64) (local.get 0)))`);
        expect(outcome).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('BigInt') });
    });

    it('an entry returning i64 where the ABI says i32 is bad_abi', async () => {
        const outcome = await runWat(`(module
          (func (export "hash_chain") (param i32 i32) (result i64) (i64.const 5)))`);
        expect(outcome).toEqual({
            ok: false,
            reason: 'bad_abi',
            message: 'hash_chain returned 5n; the ABI says the state after `rounds` rounds (an i32 read as unsigned)',
        });
    });

    it('a negative prime count other than the out-of-memory -1 is bad_abi', async () => {
        const outcome = await runWat('(module (func (export "prime_sieve") (param i32) (result i32) (i32.const -2)))', { limit: 10 });
        expect(outcome).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('prime_sieve returned -2') });
    });

    it('a float where the ABI says i32 is bad_abi unless it holds an i32 value', async () => {
        const fractional = await runWat('(module (func (export "prime_sieve") (param i32) (result f64) (f64.const 1.5)))', { limit: 10 });
        expect(fractional).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('prime_sieve returned 1.5') });
        const huge = await runWat('(module (func (export "hash_chain") (param i32 i32) (result f64) (f64.const 4e9)))');
        expect(huge).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('hash_chain returned 4000000000') });
        const whole = await runWat('(module (func (export "prime_sieve") (param i32) (result f64) (f64.const 4)))', { limit: 10 });
        expect(whole).toEqual({ ok: true, output: { count: 4 } });
    });

    it('a matrix product whose output span runs past memory is bad_abi', async () => {
        const outcome = await runWat(
            `(module
              (import "env" "memory" (memory 1))
              (func (export "matrix_product") (param i32 i32) (result i32) (i32.const 65500)))`,
            { seed: 1, n: 8 },
        );
        expect(outcome).toEqual({
            ok: false,
            reason: 'bad_abi',
            message: 'matrix_product returned offset 65500; 256 bytes from there run past the memory',
        });
    });

    it('a matrix product with no memory to read the product from is bad_abi', async () => {
        const outcome = await runWat('(module (func (export "matrix_product") (param i32 i32) (result i32) (i32.const 0)))', { seed: 1, n: 2 });
        expect(outcome).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('imports no memory') });
    });
});

describe('input', () => {
    it.each([
        ['hash-chain', null, 'input: Expected object'],
        ['hash-chain', [1, 2], 'input: Expected object'],
        ['hash-chain', { seed: 1 }, 'input.rounds: Expected required property'],
        ['hash-chain', { seed: 1, rounds: 2, extra: 3 }, 'input.extra: Unexpected property'],
        ['hash-chain', { seed: -1, rounds: 2 }, 'input.seed: Expected integer to be greater or equal to 0'],
        ['hash-chain', { seed: 2 ** 32, rounds: 2 }, 'input.seed: Expected integer to be less or equal to 4294967295'],
        ['hash-chain', { seed: 1.5, rounds: 2 }, 'input.seed: Expected integer'],
        ['hash-chain', { seed: '1', rounds: 2 }, 'input.seed: Expected integer'],
        ['prime-sieve', { limit: 2 ** 31 }, 'input.limit: Expected integer to be less or equal to 2147483647'],
        ['matrix-product', { seed: 0, n: 4 }, 'input.seed: Expected integer to be greater or equal to 1'],
        ['matrix-product', { seed: 1, n: 257 }, 'input.n: Expected integer to be less or equal to 256'],
    ])('%s refuses %j as bad_input', async (name, input, message) => {
        const { bytes, sha256 } = committedModule(name);
        expect(await executeModule(bytes, sha256, input, ROOMY_LIMITS)).toEqual({ ok: false, reason: 'bad_input', message: `${name}: ${message}` });
    });
});
