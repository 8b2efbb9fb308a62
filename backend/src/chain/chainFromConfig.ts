// The chain the configuration names, always through a toncenter-style API: testnet, mainnet, or the local devnet
// (a program of its own, devnet/, that `npm start` starts when no chain is configured).
import { Address } from '@ton/core';
import { MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID } from '../../../wrappers/claimEncoding';
import { ChainConfig } from '../config';
import { ChainAdapter } from './chain';
import { networkGlobalId } from './networkGlobalId';
import { tonClientChain } from './tonClientChain';

export interface ConfiguredChain {
    chain: ChainAdapter;
    /** What to tell the operator about it. */
    description: string;
}

const KNOWN_NETWORKS = { mainnet: MAINNET_GLOBAL_ID, testnet: TESTNET_GLOBAL_ID } as const;

/**
 * With TON_NETWORK set, intents are signed for that network's id, and the endpoint is not asked; without it, for
 * the id the endpoint reports, which is how the devnet (whose id is neither) is reached.
 */
export async function chainFromConfig(config: ChainConfig): Promise<ConfiguredChain> {
    const globalId = config.network ? KNOWN_NETWORKS[config.network] : await networkGlobalId(config.endpoint, config.apiKey);
    const chain = tonClientChain({ endpoint: config.endpoint, apiKey: config.apiKey, master: Address.parse(config.master), globalId });
    const network = config.network ?? `global id ${globalId}`;
    return { chain, description: `${network} via ${new URL(config.endpoint).host}` };
}
