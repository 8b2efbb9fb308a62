// runGetMethod: what TonClient's provider.get and runMethod call. A method that throws still answers 200 with its
// exit code, as toncenter does; TonClient turns a non-zero code into its own error.
import { Address, TupleItem } from '@ton/core';
import { Blockchain, GetMethodError } from '@ton/sandbox';
import { currentBlockId } from './devnetBlocks';
import { followWallClock } from './devnetClock';
import { badParameter } from './toncenterError';
import { stackArgument, stackResult } from './tvmStack';

/** tonlib's exit code for a get method run on an account without code. */
const NO_CODE_EXIT = -13;
const MAX_STACK_ENTRIES = 255;

/** A method as toncenter takes it: a name, or a numeric method id. */
export function getMethodName(value: unknown): string | number {
    if (typeof value === 'string' && value.length > 0 && value.length <= 128) return value;
    if (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return value;
    throw badParameter(`parameter "method" must be a get-method name or id, got ${JSON.stringify(value)}`);
}

export function getMethodStack(value: unknown): TupleItem[] {
    if (!Array.isArray(value)) throw badParameter('parameter "stack" is required and must be a list of [type, value] pairs');
    if (value.length > MAX_STACK_ENTRIES) throw badParameter(`parameter "stack" holds more than ${MAX_STACK_ENTRIES} entries`);
    return value.map(stackArgument);
}

export async function runGetMethod(blockchain: Blockchain, address: Address, method: string | number, stack: TupleItem[]) {
    const account = await blockchain.getContract(address);
    const runResult = (gasUsed: bigint, exitCode: number, results: TupleItem[]) => ({
        '@type': 'smc.runResult',
        gas_used: Number(gasUsed),
        stack: results.map(stackResult),
        exit_code: exitCode,
        block_id: currentBlockId(blockchain),
        last_transaction_id: {
            '@type': 'internal.transactionId',
            lt: account.lastTransactionLt.toString(),
            hash: Buffer.from(account.lastTransactionHash.toString(16).padStart(64, '0'), 'hex').toString('base64'),
        },
    });
    if (account.accountState?.type !== 'active') return runResult(0n, NO_CODE_EXIT, []);
    followWallClock(blockchain);
    try {
        const result = await blockchain.runGetMethod(address, method, stack);
        return runResult(result.gasUsed, result.exitCode, result.stack);
    } catch (err) {
        if (!(err instanceof GetMethodError)) throw err;
        return runResult(err.gasUsed, err.exitCode, []);
    }
}
