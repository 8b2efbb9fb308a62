// testnet and mainnet through a toncenter-style v2 JSON-RPC endpoint, read with @ton/ton's TonClient.
//
// Caveat: toncenter v2 lists an account's transactions from the last one its state records, and an account that
// destroyed itself has no state, so v2 answers an empty history for a closed escrow (toncenter/ton-http-api#171).
// claimsOf is complete only while the escrow exists, or against an API that keeps the history of deleted accounts.
import { Address } from '@ton/core';
import { TonClient } from '@ton/ton';
import { ChainAdapter } from './chain';
import { contractChain } from './contractChain';
import { checkPaging, DEFAULT_PAGING, HistoryPaging, transactionHistory } from './toncenterHistory';

export interface TonClientChainOptions {
    /** The JSON-RPC URL, e.g. https://testnet.toncenter.com/api/v2/jsonRPC */
    endpoint: string;
    apiKey?: string;
    master: Address;
    /** The network's global id, which intents are signed for: -239 mainnet, -3 testnet. */
    globalId: number;
    paging?: HistoryPaging;
}

export function tonClientChain(options: TonClientChainOptions): ChainAdapter {
    const endpoint = endpointName(options.endpoint);
    if (!Number.isInteger(options.globalId) || options.globalId < -(2 ** 31) || options.globalId >= 2 ** 31) {
        throw new RangeError(`global id must be a 32-bit integer, got ${options.globalId}`);
    }
    const paging = checkPaging(options.paging ?? DEFAULT_PAGING);
    const client = new TonClient({ endpoint: options.endpoint, apiKey: options.apiKey });
    return contractChain({
        name: `toncenter at ${endpoint}`,
        globalId: options.globalId,
        master: options.master,
        provider: (address) => client.provider(address),
        transactionsOf: (address) => transactionHistory(client, address, paging),
    });
}

/** The endpoint as errors name it: without its query string, which may carry an API key. */
function endpointName(endpoint: string): string {
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        throw new TypeError(`endpoint is not a URL: "${endpoint}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new TypeError(`endpoint must be an http(s) URL, got "${url.protocol}"`);
    }
    return url.origin + url.pathname;
}
