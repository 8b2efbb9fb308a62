// What a saved devnet must give back exactly, in a form jest compares and prints: every account and transaction by
// the hash of its cell (which names the cell's whole content, so equal hashes are equal BOCs), each transaction's
// parent and children, logical time and the clock. And the links a transaction
// log must have, worked out from the messages alone, to check the sandbox's links against.
import { Address, beginCell, storeShardAccount } from '@ton/core';
import { Blockchain, BlockchainTransaction } from '@ton/sandbox';

/** A link to a transaction the log does not hold, as the sandbox leaves one it could not resolve. */
const DANGLING = 'dangling';

const hashOf = (tx: BlockchainTransaction | undefined) => (tx ? tx.hash().toString('hex') : DANGLING);

export interface TransactionLinks {
    hash: string;
    parent: string | null;
    /** Sorted, so logs built in another order compare equal. */
    children: string[];
}

export function chainRecord(blockchain: Blockchain) {
    const snapshot = blockchain.snapshot();
    return {
        lt: snapshot.lt,
        time: snapshot.time,
        accounts: snapshot.contracts
            .map((contract) => ({
                address: contract.address.toRawString(),
                account: beginCell().store(storeShardAccount(contract.account)).endCell().hash().toString('hex'),
            }))
            .sort((a, b) => a.address.localeCompare(b.address)),
        transactions: snapshot.transactions.map((tx) => ({ ...linksOf(tx), mode: tx.mode })),
    };
}

/** The sandbox's own links of every transaction in the log. */
export function transactionLinks(blockchain: Blockchain): TransactionLinks[] {
    return blockchain.snapshot().transactions.map(linksOf);
}

function linksOf(tx: BlockchainTransaction): TransactionLinks {
    // A dangling child is `undefined` in the sandbox's array, a dangling parent is indistinguishable from none.
    return {
        hash: hashOf(tx),
        parent: tx.parent === undefined ? null : hashOf(tx.parent),
        children: tx.children.map(hashOf).sort(),
    };
}

/**
 * The links the messages imply: a transaction's parent is the one in the log that sent its inbound message (the same
 * sender and creation lt); messages from outside the log (externals, the sandbox's treasuries) have none.
 */
export function linksByMessages(blockchain: Blockchain): TransactionLinks[] {
    const log = blockchain.snapshot().transactions;
    const messageId = (src: Address, createdLt: bigint) => `${src.toRawString()}@${createdLt}`;
    const sentBy = new Map<string, string>();
    for (const tx of log) {
        for (const { info } of tx.outMessages.values()) {
            if (info.type === 'internal') sentBy.set(messageId(info.src, info.createdLt), hashOf(tx));
        }
    }
    const parents = log.map((tx) => {
        const info = tx.inMessage?.info;
        return info?.type === 'internal' ? (sentBy.get(messageId(info.src, info.createdLt)) ?? null) : null;
    });
    return log.map((tx, i) => ({
        hash: hashOf(tx),
        parent: parents[i],
        children: log.filter((_, j) => parents[j] === hashOf(tx)).map(hashOf).sort(),
    }));
}
