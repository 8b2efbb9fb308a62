// The network a toncenter v2 endpoint serves, by its global id (config parameter 19): the worker's wallet and its
// ton_proof are for that network unless --network says otherwise, so the same flags work on the local devnet,
// testnet and mainnet, and a v5r1 wallet gets the address a wallet app shows on that chain.
import { NETWORK_GLOBAL_IDS, TonNetwork } from '../../../client/wallet';
import { readNetworkGlobalId } from '../../../wrappers/networkGlobalId';

/** The wallet network whose global id this is, if any. */
export function networkOfGlobalId(globalId: number): TonNetwork | undefined {
    return (Object.keys(NETWORK_GLOBAL_IDS) as TonNetwork[]).find((name) => NETWORK_GLOBAL_IDS[name] === globalId);
}

/** The endpoint's network, or an error that says to name it with --network. */
export async function endpointNetwork(endpoint: string, apiKey?: string): Promise<TonNetwork> {
    let globalId: number;
    try {
        globalId = await readNetworkGlobalId(endpoint, apiKey);
    } catch (error) {
        throw new Error(`could not read the network's global id from ${endpoint} (${(error as Error).message}); is it up? Or name it with --network`);
    }
    const network = networkOfGlobalId(globalId);
    if (!network) throw new Error(`${endpoint} serves global id ${globalId}, neither mainnet's nor testnet's; name the wallet's network with --network`);
    return network;
}
