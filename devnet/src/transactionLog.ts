// Reading a sandbox's transaction log, for the devnet's getTransactions and for tests that list an account's history.
import { Address } from '@ton/core';
import { Blockchain, BlockchainTransaction } from '@ton/sandbox';

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
