// The network's global id (config param 19), which every payout intent signs: the escrow checks signatures with
// its own network's id, so a script can check an intent the same way before sending it.
import { Cell } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID } from '../wrappers/claimConstants';
import { CONFIG_ADDRESS, configParamsIn } from './globalVersion';

/**
 * The global ids an intent may be signed for here: the one config param 19 holds, or, on a network without a
 * configuration contract (the devnet), mainnet's and testnet's.
 */
export async function possibleGlobalIds(provider: NetworkProvider): Promise<number[]> {
    const account = await provider.getContractState(CONFIG_ADDRESS);
    if (account.state.type === 'active' && account.state.data) {
        const param = configParamsIn(Cell.fromBoc(account.state.data)[0]).get(19);
        if (param) return [param.beginParse().loadInt(32)];
    }
    return [MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID];
}
