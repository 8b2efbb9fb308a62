// The in-process @ton/sandbox chain as a ChainAdapter: for tests and for `npm start` without a network.
import { Address, Dictionary } from '@ton/core';
import { Blockchain, BlockchainTransaction } from '@ton/sandbox';
import { ChainAdapter } from './chain';
import { contractChain } from './contractChain';

/** Config parameter that holds the network's global id (int32). */
const GLOBAL_ID_PARAM = 19;

export function sandboxChain(blockchain: Blockchain, master: Address): ChainAdapter {
    return contractChain({
        name: 'sandbox',
        globalId: sandboxGlobalId(blockchain),
        master,
        provider: (address) => blockchain.provider(address),
        transactionsOf: async (address) => sandboxTransactionsOf(blockchain, address),
    });
}

/** The global id the sandbox's GLOBALID instruction returns, so intents signed for it verify there. */
export function sandboxGlobalId(blockchain: Blockchain): number {
    const params = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), blockchain.config);
    const param = params.get(GLOBAL_ID_PARAM);
    if (!param) throw new Error(`the sandbox config has no parameter ${GLOBAL_ID_PARAM} (global id)`);
    return param.beginParse().loadInt(32);
}

/**
 * Every transaction the sandbox has run on `address`, oldest first. Read from a snapshot's copy of the log:
 * sandbox 0.41's getTransactions reverses the log in place on every call, and finds no page by hash (it compares
 * hash Buffers with ===), so it can serve neither repeated calls nor paging.
 */
export function sandboxTransactionsOf(blockchain: Blockchain, address: Address): BlockchainTransaction[] {
    return blockchain
        .snapshot()
        .transactions.filter((tx) => {
            const info = tx.inMessage?.info;
            return info !== undefined && info.type !== 'external-out' && info.dest.equals(address);
        })
        .sort((a, b) => (a.lt < b.lt ? -1 : a.lt > b.lt ? 1 : 0));
}
