// An account's whole transaction history through toncenter's v2 API, newest page first.
import { Address, Transaction } from '@ton/core';
import { TonClient } from '@ton/ton';

export interface HistoryPaging {
    /** Transactions per request: 2 to 100, toncenter's own cap. */
    pageSize: number;
    /** Requests per history; a longer history is an error rather than a silently shortened answer. */
    maxPages: number;
}

/**
 * toncenter's cap a request, and at most 100 requests (9 901 transactions, as later pages repeat their anchor):
 * an escrow pays at most 32 claims, so only a flood of refused messages makes a history longer.
 */
export const DEFAULT_PAGING: HistoryPaging = { pageSize: 100, maxPages: 100 };

export function checkPaging(paging: HistoryPaging): HistoryPaging {
    if (!Number.isInteger(paging.pageSize) || paging.pageSize < 2 || paging.pageSize > 100) {
        throw new RangeError(`page size must be a whole number from 2 to 100, got ${paging.pageSize}`);
    }
    if (!Number.isInteger(paging.maxPages) || paging.maxPages < 1) {
        throw new RangeError(`max pages must be a whole number of at least 1, got ${paging.maxPages}`);
    }
    return paging;
}

/**
 * Every transaction of `address`, newest first. Each later page starts at (and includes) the oldest transaction
 * of the page before, asked for with `inclusive` so the request's limit stays within toncenter's cap; that
 * transaction coming back first also proves the API honoured the starting point.
 */
export async function transactionHistory(
    client: TonClient,
    address: Address,
    paging: HistoryPaging,
): Promise<Transaction[]> {
    const { pageSize, maxPages } = paging;
    const history: Transaction[] = [];
    let anchor: Transaction | undefined;
    for (let page = 0; page < maxPages; page++) {
        const batch = await client.getTransactions(address, {
            limit: pageSize,
            archival: true,
            ...(anchor && { lt: anchor.lt.toString(), hash: anchor.hash().toString('base64'), inclusive: true }),
        });
        history.push(...(anchor ? olderThan(anchor, batch) : batch));
        if (batch.length < pageSize) return history;
        anchor = batch[batch.length - 1];
    }
    throw new Error(`${address} has more than ${maxPages} pages of ${pageSize} transactions; no partial history`);
}

/** The batch without its first transaction, which must be `anchor`; the rest must be older. */
function olderThan(anchor: Transaction, batch: Transaction[]): Transaction[] {
    const [first, ...rest] = batch;
    if (!first || first.lt !== anchor.lt || !first.hash().equals(anchor.hash())) {
        throw new Error(`the page asked to start at transaction ${anchor.lt} started elsewhere`);
    }
    if (rest.some((tx) => tx.lt >= anchor.lt)) throw new Error(`the page after transaction ${anchor.lt} is not older`);
    return rest;
}
