// The sandbox's network configuration, one parameter at a time, as toncenter's getConfigParam serves it.
import { Cell, Dictionary } from '@ton/core';
import { Blockchain } from '@ton/sandbox';

/** Config parameter that holds the network's global id (int32). */
export const GLOBAL_ID_PARAM = 19;

/** Parameter `id` of the chain's configuration, or undefined when the configuration has none. */
export function configParam(blockchain: Blockchain, id: number): Cell | undefined {
    const params = Dictionary.loadDirect(Dictionary.Keys.Int(32), Dictionary.Values.Cell(), blockchain.config);
    return params.get(id);
}

/** The global id the sandbox's GLOBALID instruction returns, so intents signed for it verify there. */
export function sandboxGlobalId(blockchain: Blockchain): number {
    const param = configParam(blockchain, GLOBAL_ID_PARAM);
    if (!param) throw new Error(`the sandbox config has no parameter ${GLOBAL_ID_PARAM} (global id)`);
    return param.beginParse().loadInt(32);
}
