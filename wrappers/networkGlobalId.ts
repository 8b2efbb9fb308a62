// The network's global id as a toncenter v2 endpoint reports it: config parameter 19 (`global_id:int32`) through
// getConfigParam, which testnet, mainnet and the local devnet all serve. TonClient has no call for it. The service
// and the worker CLI both read it here, each wording a failure for its own reader.
import { Cell } from '@ton/core';

const GLOBAL_ID_PARAM = 19;

interface ConfigParamAnswer {
    ok?: boolean;
    error?: string;
    result?: { config?: { bytes?: unknown } };
}

export async function readNetworkGlobalId(endpoint: string, apiKey?: string): Promise<number> {
    let answer: ConfigParamAnswer;
    try {
        const response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(apiKey && { 'x-api-key': apiKey }) },
            body: JSON.stringify({ id: '1', jsonrpc: '2.0', method: 'getConfigParam', params: { config_id: GLOBAL_ID_PARAM } }),
        });
        answer = (await response.json()) as ConfigParamAnswer;
    } catch (err) {
        throw new Error(`reading config parameter ${GLOBAL_ID_PARAM} failed: ${(err as Error).message}`, { cause: err });
    }
    const bytes = answer.result?.config?.bytes;
    if (answer.ok !== true || typeof bytes !== 'string') {
        throw new Error(`no config parameter ${GLOBAL_ID_PARAM} in its answer: ${answer.error ?? 'unexpected shape'}`);
    }
    try {
        return Cell.fromBase64(bytes).beginParse().loadInt(32);
    } catch (err) {
        throw new Error(`config parameter ${GLOBAL_ID_PARAM} is not a global id`, { cause: err });
    }
}
