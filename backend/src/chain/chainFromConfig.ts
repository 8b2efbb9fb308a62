// The chain the configuration names: toncenter for a real network, or (the default) an in-process sandbox with
// a fresh EscrowMaster whose backend key is the service's own, so one machine runs everything with no setup.
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID } from '../../../wrappers/claimEncoding';
import { ChainConfig } from '../config';
import { ChainAdapter } from './chain';
import { deploySandboxMaster } from './deploySandboxMaster';
import { sandboxChain } from './sandboxChain';
import { tonClientChain } from './tonClientChain';

export interface ConfiguredChain {
    chain: ChainAdapter;
    /** What to tell the operator about it. */
    description: string;
}

export async function chainFromConfig(config: ChainConfig, backendPublicKey: Buffer): Promise<ConfiguredChain> {
    if (config.kind === 'toncenter') {
        const chain = tonClientChain({
            endpoint: config.endpoint,
            apiKey: config.apiKey,
            master: Address.parse(config.master),
            globalId: config.network === 'mainnet' ? MAINNET_GLOBAL_ID : TESTNET_GLOBAL_ID,
        });
        return { chain, description: `${config.network} via ${new URL(config.endpoint).host}` };
    }
    const blockchain = await Blockchain.create();
    const { master } = await deploySandboxMaster(blockchain, { backendPublicKey });
    // The sandbox lives in this process: its state, unlike the SQLite store, is gone when the service stops.
    return { chain: sandboxChain(blockchain, master), description: 'in-process sandbox (state not kept across restarts)' };
}
