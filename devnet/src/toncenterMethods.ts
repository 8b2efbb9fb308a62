// The toncenter v2 methods the devnet serves, by name: each with the parameters it takes and, for the REST form,
// whether it is read with GET or sent with POST (as toncenter routes them). Everything @ton/ton's TonClient sends
// for contracts, wallets and Blueprint is here, and getConfigParam, which the service reads the global id with; block
// and shard queries are not, as the sandbox has no blocks.
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { addressBalance, addressInformation, addressState, walletInformation } from './accountMethods';
import { configInfo } from './configParamRpc';
import { masterchainInfo } from './devnetBlocks';
import { getMethodName, getMethodStack, runGetMethod } from './getMethodRpc';
import {
    booleanParam,
    hashParam,
    integerParam,
    logicalTimeParam,
    requireAddress,
    requireBoc,
    RpcParams,
} from './rpcParams';
import { externalMessageOf, normalizedHash, sendExternal } from './sendBocRpc';
import { transactionsPage } from './transactionsPage';

export interface ToncenterMethod {
    verb: 'GET' | 'POST';
    /** Every parameter it takes; others are refused. */
    params: readonly string[];
    run(params: RpcParams): unknown;
}

/** toncenter's cap on one page of transactions, and its default page. */
const MAX_TRANSACTIONS = 100;
const DEFAULT_TRANSACTIONS = 10;

/**
 * `persist`, when given, runs after every change to the chain and before the answer: a client told its message
 * was accepted can count on it surviving a crash of the devnet.
 */
export function toncenterMethods(blockchain: Blockchain, persist?: () => Promise<void>): ReadonlyMap<string, ToncenterMethod> {
    const byAddress = (read: (blockchain: Blockchain, address: Address) => unknown) => ({
        verb: 'GET' as const,
        params: ['address'],
        run: (params: RpcParams) => read(blockchain, requireAddress(params)),
    });
    const sendBoc = async (params: RpcParams) => {
        const root = requireBoc(params, 'boc');
        const message = externalMessageOf(root);
        await sendExternal(blockchain, message);
        await persist?.();
        return { root, message };
    };

    return new Map<string, ToncenterMethod>([
        ['getAddressInformation', byAddress(addressInformation)],
        ['getAddressBalance', byAddress(addressBalance)],
        ['getAddressState', byAddress(addressState)],
        ['getWalletInformation', byAddress(walletInformation)],
        [
            'getTransactions',
            {
                verb: 'GET',
                params: ['address', 'limit', 'lt', 'hash', 'to_lt', 'archival'],
                run: (params) => {
                    // Every devnet answer is archival: the whole history is at hand.
                    booleanParam(params, 'archival');
                    return transactionsPage(blockchain, requireAddress(params), {
                        limit: integerParam(params, 'limit', { min: 1, max: MAX_TRANSACTIONS, fallback: DEFAULT_TRANSACTIONS }),
                        lt: logicalTimeParam(params, 'lt'),
                        hash: hashParam(params, 'hash'),
                        toLt: logicalTimeParam(params, 'to_lt'),
                    });
                },
            },
        ],
        [
            'runGetMethod',
            {
                verb: 'POST',
                params: ['address', 'method', 'stack'],
                run: (params) =>
                    runGetMethod(blockchain, requireAddress(params), getMethodName(params.method), getMethodStack(params.stack)),
            },
        ],
        [
            'sendBoc',
            {
                verb: 'POST',
                params: ['boc'],
                run: async (params) => {
                    await sendBoc(params);
                    return { '@type': 'ok' };
                },
            },
        ],
        [
            'sendBocReturnHash',
            {
                verb: 'POST',
                params: ['boc'],
                run: async (params) => {
                    const { root, message } = await sendBoc(params);
                    return {
                        '@type': 'raw.extMessageInfo',
                        hash: root.hash().toString('base64'),
                        hash_norm: normalizedHash(message).toString('base64'),
                    };
                },
            },
        ],
        ['getMasterchainInfo', { verb: 'GET', params: [], run: () => masterchainInfo(blockchain) }],
        ['getConfigParam', { verb: 'GET', params: ['config_id', 'seqno'], run: (params) => configInfo(blockchain, params) }],
    ]);
}
