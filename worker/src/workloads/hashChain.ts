// hash-chain: iterated 32-bit FNV-1a. Cheap to check, impossible to shortcut: each round needs the last one.
import { Type } from '@sinclair/typebox';
import { defineWorkload, isI32, unexpectedResult } from './workload';

const U32_MAX = 0xffff_ffff;

const abi = {
    entry: 'hash_chain',
    signature: '(seed: i32, rounds: i32) -> i32',
    memory: 'none',
    result: 'the state after `rounds` rounds (an i32 read as unsigned)',
} as const;

export const hashChain = defineWorkload({
    name: 'hash-chain',
    abi,
    inputSchema: Type.Object(
        {
            seed: Type.Integer({ minimum: 0, maximum: U32_MAX }),
            rounds: Type.Integer({ minimum: 0, maximum: U32_MAX }),
        },
        { additionalProperties: false },
    ),
    outputSchema: Type.Object({ hash: Type.Integer({ minimum: 0, maximum: U32_MAX }) }, { additionalProperties: false }),
    call: (input) => ({
        // JavaScript passes numbers to i32 parameters modulo 2^32, so u32 values arrive bit for bit.
        args: [input.seed, input.rounds],
        outputSpanBytes: 0,
        interpret: (value) =>
            isI32(value) ? { ok: true, output: { hash: value >>> 0 } } : unexpectedResult(abi, value),
    }),
});
