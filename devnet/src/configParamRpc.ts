// getConfigParam: one parameter of the network's configuration, as toncenter serves it (tonlib's configInfo), so a
// client learns, say, the global id (parameter 19) the same way from the devnet as from testnet or mainnet.
import { Blockchain } from '@ton/sandbox';
import { configParam } from './networkConfig';
import { integerParam, RpcParams } from './rpcParams';
import { badParameter, liteServerError } from './toncenterError';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export function configInfo(blockchain: Blockchain, params: RpcParams) {
    if (params.config_id === undefined) throw badParameter('parameter "config_id" is required');
    const id = integerParam(params, 'config_id', { ...INT32, fallback: 0 });
    // Any block's configuration is the current one: the devnet keeps no older ones.
    integerParam(params, 'seqno', { min: 0, max: 2 ** 32 - 1, fallback: 0 });
    const param = configParam(blockchain, id);
    if (!param) throw liteServerError(`config parameter ${id} is not set`);
    return {
        '@type': 'configInfo',
        config: { '@type': 'tvm.cell', bytes: param.toBoc().toString('base64') },
    };
}
