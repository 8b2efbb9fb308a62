// prime-sieve: memory-bound work whose answer is well known (78 498 primes below 10^6).
import { Type } from '@sinclair/typebox';
import { defineWorkload, isI32, memoryRefused, unexpectedResult } from './workload';

const abi = {
    entry: 'prime_sieve',
    signature: '(limit: i32) -> i32',
    memory: 'env.memory',
    result: 'the count of primes below limit, or -1 when the memory could not grow to limit/2 bytes',
} as const;

export const primeSieve = defineWorkload({
    name: 'prime-sieve',
    abi,
    inputSchema: Type.Object({ limit: Type.Integer({ minimum: 0, maximum: 0x7fff_ffff }) }, { additionalProperties: false }),
    outputSchema: Type.Object({ count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    call: (input) => ({
        args: [input.limit],
        outputSpanBytes: 0,
        interpret(value) {
            if (value === -1) return memoryRefused(abi);
            return isI32(value) && value >= 0 ? { ok: true, output: { count: value } } : unexpectedResult(abi, value);
        },
    }),
});
