// The devnet program's app served over real HTTP on 127.0.0.1, in this process: the same routes, faucet and master
// as `npm run devnet`, minus the process and its file, and a TonClient pointed at them, so tests talk to it exactly
// as workers, the service and Blueprint do. (devnetProcess.spec.ts runs the program itself.)
import { AddressInfo } from 'net';
import { Address } from '@ton/core';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { Blockchain } from '@ton/sandbox';
import { TonClient } from '@ton/ton';
import { FastifyInstance } from 'fastify';
import { ChainAdapter } from '../../backend/src/chain/chain';
import { tonClientChain } from '../../backend/src/chain/tonClientChain';
import { buildDevnet } from '../../devnet/src/devnet';
import { Faucet } from '../../devnet/src/faucet';
import { DevnetInfo } from '../../devnet/src/infoRoute';

/** The key the fixture's master checks payout intents against; the tests hold its secret half. */
export const FIXTURE_BACKEND_KEY = keyPairFromSeed(Buffer.alloc(32, 21));

export interface ServedDevnet {
    blockchain: Blockchain;
    app: FastifyInstance;
    faucet: Faucet;
    info: DevnetInfo;
    /** http://127.0.0.1:<port> */
    url: string;
    /** The JSON-RPC endpoint, as TonClient and Blueprint's --custom take it. */
    endpoint: string;
    client: TonClient;
    master: Address;
    /** The wallet that owns the master and receives its fees. */
    owner: Address;
    backendKey: KeyPair;
    globalId: number;
    /** The service's toncenter chain adapter, pointed at the devnet. */
    chain: ChainAdapter;
    close(): Promise<void>;
}

/** Serves `blockchain` (a fresh one when absent) as a devnet until `close`; its master is found or deployed. */
export async function serveDevnet(blockchain?: Blockchain): Promise<ServedDevnet> {
    const backendKey = FIXTURE_BACKEND_KEY;
    const devnet = await buildDevnet({ backendPublicKey: backendKey.publicKey, blockchain });
    const { app, info } = devnet;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const endpoint = `${url}/api/v2/jsonRPC`;
    const master = Address.parse(info.master);
    return {
        ...devnet,
        url,
        endpoint,
        client: new TonClient({ endpoint }),
        master,
        owner: Address.parse(info.owner),
        backendKey,
        globalId: info.global_id,
        chain: tonClientChain({ endpoint, master, globalId: info.global_id }),
        close: () => app.close(),
    };
}
