// getTransactions: an account's history newest first, from the transaction (lt, hash) names, inclusive, or from
// the newest; stopping before `to_lt`; at most `limit`.
//
// Unlike toncenter v2, which lists only from an account's current state, the devnet keeps the history of an account
// that destroyed itself (toncenter/ton-http-api#171): a closed escrow's claims stay listable here.
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { sandboxTransactionsOf } from './transactionLog';
import { badParameter, liteServerError } from './toncenterError';
import { transactionJson } from './transactionJson';

export interface PageRequest {
    limit: number;
    /** The transaction to start from; both or neither. */
    lt?: bigint;
    hash?: Buffer;
    /** Only transactions after this logical time. */
    toLt?: bigint;
}

export function transactionsPage(blockchain: Blockchain, address: Address, page: PageRequest) {
    if ((page.lt === undefined) !== (page.hash === undefined)) {
        throw badParameter('parameters "lt" and "hash" name one transaction together: give both or neither');
    }
    let history = sandboxTransactionsOf(blockchain, address).reverse();
    if (page.lt !== undefined && page.hash !== undefined) {
        const { lt, hash } = page;
        const start = history.findIndex((tx) => tx.lt === lt && tx.hash().equals(hash));
        if (start < 0) {
            throw liteServerError(`transaction ${lt}:${hash.toString('hex')} of ${address.toString()} not found`);
        }
        history = history.slice(start);
    }
    const toLt = page.toLt;
    if (toLt !== undefined) history = history.filter((tx) => tx.lt > toLt);
    return history.slice(0, page.limit).map((tx) => transactionJson(address, tx));
}
