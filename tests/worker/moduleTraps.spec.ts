import { executeModule } from '../../worker/src/execute';
import { moduleFromWat, ROOMY_LIMITS } from './modules';

/** A hash_chain entry whose body is `body`, importing one page of memory for the bodies that touch it. */
function hashChainEntry(body: string): string {
    return `(module
      (import "env" "memory" (memory 1))
      (func $recurse (param i32) (result i32) (call $recurse (local.get 0)))
      (func (export "hash_chain") (param $seed i32) (param $rounds i32) (result i32) ${body}))`;
}

describe('traps', () => {
    it.each([
        ['unreachable', '(unreachable)', 'unreachable'],
        ['an integer division by zero', '(i32.div_u (local.get $seed) (local.get $rounds))', 'divide by zero'],
        ['a load past the end of memory', '(i32.load (i32.const 65536))', 'memory access out of bounds'],
        ['an integer overflow', '(i32.div_s (i32.const 0x80000000) (i32.const -1))', 'divide result unrepresentable'],
        ['unbounded recursion', '(call $recurse (i32.const 0))', 'Maximum call stack size exceeded'],
    ])('%s ends as a trap with the engine message', async (_, body, message) => {
        const { bytes, sha256 } = await moduleFromWat(hashChainEntry(body));
        expect(await executeModule(bytes, sha256, { seed: 1, rounds: 0 }, ROOMY_LIMITS)).toEqual({ ok: false, reason: 'trap', message });
    });

    it('a trap in the start function is a trap too', async () => {
        const { bytes, sha256 } = await moduleFromWat(`(module
          (func $fail (unreachable))
          (start $fail)
          (func (export "hash_chain") (param i32 i32) (result i32) (i32.const 0)))`);
        expect(await executeModule(bytes, sha256, { seed: 1, rounds: 1 }, ROOMY_LIMITS)).toEqual({ ok: false, reason: 'trap', message: 'unreachable' });
    });
});
