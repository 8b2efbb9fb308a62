import { executeModule } from '../../worker/src/execute';
import { committedModule, moduleFromWat, ROOMY_LIMITS } from './modules';
import { canCountThreads, threadCount, ticksDuring } from './parentProbe';

const MiB = 1024 * 1024;
/** Thread start-up (not part of the budget) plus terminating the thread, with room for a busy machine. */
const TIMEOUT_MARGIN_MS = 2_000;

const SPINS_FOREVER = `(module
  (func (export "hash_chain") (param i32 i32) (result i32)
    (loop $spin (br $spin))
    (unreachable)))`;

const SPINS_IN_START_FUNCTION = `(module
  (func $spin (loop $again (br $again)))
  (start $spin)
  (func (export "hash_chain") (param i32 i32) (result i32) (i32.const 0)))`;

/** Grows one page at a time until refused, then reports how many pages it holds (as the prime count). */
const GROWS_UNTIL_REFUSED = (memory: string) => `(module
  (import "env" "memory" (memory ${memory}))
  (func (export "prime_sieve") (param i32) (result i32)
    (loop $more (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (memory.size)))`;

describe('time limit', () => {
    it('a module that never returns ends as a timeout soon after its budget, and the parent keeps ticking', async () => {
        const { bytes, sha256 } = await moduleFromWat(SPINS_FOREVER);
        const timeMs = 300;
        const { result, ticks, elapsedMs } = await ticksDuring(
            () => executeModule(bytes, sha256, { seed: 1, rounds: 1 }, { timeMs, memoryBytes: MiB }),
            10,
        );
        expect(result).toEqual({ ok: false, reason: 'timeout', message: 'the module ran longer than 300 ms' });
        expect(elapsedMs).toBeGreaterThanOrEqual(timeMs);
        expect(elapsedMs).toBeLessThan(timeMs + TIMEOUT_MARGIN_MS);
        // 10 ms ticks over at least 300 ms: a blocked parent would count none; a loaded machine still counts some.
        expect(ticks).toBeGreaterThanOrEqual(10);
    });

    it('a module that spins in its start function is stopped the same way', async () => {
        const { bytes, sha256 } = await moduleFromWat(SPINS_IN_START_FUNCTION);
        const outcome = await executeModule(bytes, sha256, { seed: 1, rounds: 1 }, { timeMs: 200, memoryBytes: MiB });
        expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    });

    (canCountThreads ? it : it.skip)('no thread is left running once a timed-out run has settled', async () => {
        const spinner = await moduleFromWat(SPINS_FOREVER);
        const healthy = committedModule('hash-chain');
        await executeModule(healthy.bytes, healthy.sha256, { seed: 1, rounds: 1 }, ROOMY_LIMITS);
        const before = threadCount();

        const runs = [1, 2, 3].map(() => executeModule(spinner.bytes, spinner.sha256, { seed: 1, rounds: 1 }, { timeMs: 150, memoryBytes: MiB }));
        const outcomes = await Promise.all(runs);

        expect(outcomes.map((outcome) => outcome.ok || outcome.reason)).toEqual(['timeout', 'timeout', 'timeout']);
        expect(threadCount()).toBeLessThanOrEqual(before);
    });

    it('the executor still runs a healthy module right after a timeout', async () => {
        const spinner = await moduleFromWat(SPINS_FOREVER);
        await executeModule(spinner.bytes, spinner.sha256, { seed: 1, rounds: 1 }, { timeMs: 100, memoryBytes: MiB });
        const { bytes, sha256 } = committedModule('prime-sieve');
        expect(await executeModule(bytes, sha256, { limit: 100 }, ROOMY_LIMITS)).toEqual({ ok: true, output: { count: 25 } });
    });
});

describe('memory cap', () => {
    it('the prime sieve asked for more memory than the cap ends as memory_limit', async () => {
        const { bytes, sha256 } = committedModule('prime-sieve');
        // 10^8 needs 5 * 10^7 bytes of sieve; the cap is 16 MiB.
        const outcome = await executeModule(bytes, sha256, { limit: 100_000_000 }, { timeMs: 10_000, memoryBytes: 16 * MiB });
        expect(outcome).toEqual({ ok: false, reason: 'memory_limit', message: 'prime_sieve could not grow its memory within the cap' });
    });

    it('the same sieve runs once its memory fits under the cap', async () => {
        const { bytes, sha256 } = committedModule('prime-sieve');
        const outcome = await executeModule(bytes, sha256, { limit: 10_000_000 }, { timeMs: 10_000, memoryBytes: 5 * MiB });
        expect(outcome).toEqual({ ok: true, output: { count: 664_579 } });
    });

    it('a module that grows until refused holds exactly the cap, however it asks', async () => {
        const { bytes, sha256 } = await moduleFromWat(GROWS_UNTIL_REFUSED('0'));
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, { timeMs: 5_000, memoryBytes: MiB });
        expect(outcome).toEqual({ ok: true, output: { count: 16 } });
    });

    it('a cap that is not a whole number of pages is rounded down', async () => {
        const { bytes, sha256 } = await moduleFromWat(GROWS_UNTIL_REFUSED('0'));
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, { timeMs: 5_000, memoryBytes: MiB + 65_535 });
        expect(outcome).toEqual({ ok: true, output: { count: 16 } });
    });

    it('a maximum the module declares below the cap still holds', async () => {
        const { bytes, sha256 } = await moduleFromWat(GROWS_UNTIL_REFUSED('1 3'));
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, { timeMs: 5_000, memoryBytes: MiB });
        expect(outcome).toEqual({ ok: true, output: { count: 3 } });
    });

    it('a module that ignores the refusal and writes past the cap traps on that write', async () => {
        const { bytes, sha256 } = await moduleFromWat(`(module
          (import "env" "memory" (memory 0))
          (func (export "prime_sieve") (param i32) (result i32)
            (drop (memory.grow (i32.const 1000)))
            (i32.store8 (i32.const ${MiB}) (i32.const 1))
            (i32.const 0)))`);
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, { timeMs: 5_000, memoryBytes: MiB });
        expect(outcome).toEqual({ ok: false, reason: 'trap', message: 'memory access out of bounds' });
    });

    it('a module whose declared minimum exceeds the cap is refused before it runs', async () => {
        const { bytes, sha256 } = await moduleFromWat(`(module
          (import "env" "memory" (memory 17))
          (func (export "prime_sieve") (param i32) (result i32) (i32.const 0)))`);
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, { timeMs: 5_000, memoryBytes: MiB });
        expect(outcome).toEqual({
            ok: false,
            reason: 'memory_limit',
            message: 'the module needs at least 17 pages of memory; the cap is 16 pages (1048576 bytes)',
        });
    });

    it('a module that defines its own memory is refused: only the host sets the maximum', async () => {
        const { bytes, sha256 } = await moduleFromWat(`(module
          (memory 1 1)
          (func (export "prime_sieve") (param i32) (result i32) (i32.const 0)))`);
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, ROOMY_LIMITS);
        expect(outcome).toMatchObject({ ok: false, reason: 'bad_abi', message: expect.stringContaining('defines its own memory') });
    });

    it('a table without a maximum is refused before it runs, since growing one could abort the process', async () => {
        const { bytes, sha256 } = await moduleFromWat(`(module
          (table $grows 0 funcref)
          (func (export "prime_sieve") (param i32) (result i32)
            (drop (table.grow $grows (ref.null func) (i32.const 100000000)))
            (table.size $grows)))`);
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, ROOMY_LIMITS);
        expect(outcome).toEqual({
            ok: false,
            reason: 'memory_limit',
            message: 'every table must declare a maximum of at most 65536 elements; one declares none',
        });
    });

    it('a table with a small maximum grows to it and no further', async () => {
        const { bytes, sha256 } = await moduleFromWat(`(module
          (table $grows 0 8 funcref)
          (func (export "prime_sieve") (param i32) (result i32)
            (loop $more (br_if $more (i32.ne (table.grow $grows (ref.null func) (i32.const 1)) (i32.const -1))))
            (table.size $grows)))`);
        const outcome = await executeModule(bytes, sha256, { limit: 0 }, ROOMY_LIMITS);
        expect(outcome).toEqual({ ok: true, output: { count: 8 } });
    });
});

describe('limits themselves', () => {
    it.each([
        { timeMs: 0, memoryBytes: MiB },
        { timeMs: Number.NaN, memoryBytes: MiB },
        { timeMs: 2 ** 31, memoryBytes: MiB },
        { timeMs: 100, memoryBytes: -1 },
        { timeMs: 100, memoryBytes: 1.5 },
    ])('limits %o are a programming error: executeModule throws RangeError', async (limits) => {
        const { bytes, sha256 } = committedModule('hash-chain');
        await expect(executeModule(bytes, sha256, { seed: 1, rounds: 1 }, limits)).rejects.toThrow(RangeError);
    });
});
