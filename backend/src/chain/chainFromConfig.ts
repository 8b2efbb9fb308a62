// The chain the configuration names: toncenter for a real network, or (the default) the local devnet: an
// in-process sandbox with an EscrowMaster whose backend key is the service's own, so one machine runs everything.
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID } from '../../../wrappers/claimEncoding';
import { ChainConfig } from '../config';
import { loadDevnet } from '../devnet/devnetState';
import { ChainAdapter } from './chain';
import { deploySandboxMaster } from './deploySandboxMaster';
import { sandboxChain } from './sandboxChain';
import { tonClientChain } from './tonClientChain';

export interface ConfiguredChain {
    chain: ChainAdapter;
    /** What to tell the operator about it. */
    description: string;
    /** The in-process devnet, when the chain is one: served over toncenter's API, saved on shutdown. */
    devnet?: { blockchain: Blockchain; stateFile: string };
}

/**
 * `devnetFile`: where the sandbox chain is kept between runs (loaded when it exists). The master is deployed
 * unless the loaded chain already has it.
 */
export async function chainFromConfig(config: ChainConfig, backendPublicKey: Buffer, devnetFile: string): Promise<ConfiguredChain> {
    if (config.kind === 'toncenter') {
        const chain = tonClientChain({
            endpoint: config.endpoint,
            apiKey: config.apiKey,
            master: Address.parse(config.master),
            globalId: config.network === 'mainnet' ? MAINNET_GLOBAL_ID : TESTNET_GLOBAL_ID,
        });
        return { chain, description: `${config.network} via ${new URL(config.endpoint).host}` };
    }
    const loaded = await loadDevnet(devnetFile);
    const blockchain = loaded ?? (await Blockchain.create());
    const { master } = await deploySandboxMaster(blockchain, { backendPublicKey });
    return {
        chain: sandboxChain(blockchain, master),
        description: loaded ? `local devnet, loaded from ${devnetFile}` : 'local devnet, fresh',
        devnet: { blockchain, stateFile: devnetFile },
    };
}
