// A devnet served over real HTTP on 127.0.0.1: the devnet routes over a sandbox, listening on a free port, and a
// TonClient pointed at them, so tests talk to it exactly as workers, the service and Blueprint do.
import { AddressInfo } from 'net';
import { Address } from '@ton/core';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { Blockchain } from '@ton/sandbox';
import { TonClient } from '@ton/ton';
import fastify, { FastifyInstance } from 'fastify';
import { ChainAdapter } from '../../../backend/src/chain/chain';
import { deploySandboxMaster } from '../../../backend/src/chain/deploySandboxMaster';
import { sandboxGlobalId } from '../../../backend/src/chain/sandboxChain';
import { tonClientChain } from '../../../backend/src/chain/tonClientChain';
import { devnetFaucet, Faucet } from '../../../backend/src/devnet/faucet';
import { devnetRoutes } from '../../../backend/src/devnet/devnetRoutes';

export interface ServedDevnet {
    blockchain: Blockchain;
    app: FastifyInstance;
    faucet: Faucet;
    /** http://127.0.0.1:<port> */
    url: string;
    /** The JSON-RPC endpoint, as TonClient and Blueprint's --custom take it. */
    endpoint: string;
    client: TonClient;
    close(): Promise<void>;
}

/** Serves `blockchain` as a devnet until `close`. */
export async function serveDevnet(blockchain: Blockchain): Promise<ServedDevnet> {
    const faucet = await devnetFaucet(blockchain);
    const app = fastify({ logger: false });
    await app.register(devnetRoutes, { blockchain, faucet });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const endpoint = `${url}/api/v2/jsonRPC`;
    return { blockchain, app, faucet, url, endpoint, client: new TonClient({ endpoint }), close: () => app.close() };
}

export interface DevnetWithMaster extends ServedDevnet {
    master: Address;
    /** The wallet that owns the master and receives its fees. */
    owner: Address;
    /** The key the master checks payout intents against; the tests hold its secret half. */
    backendKey: KeyPair;
    globalId: number;
    /** The service's toncenter chain adapter, pointed at the devnet. */
    chain: ChainAdapter;
}

/** A fresh sandbox with an EscrowMaster deployed as `npm start` deploys one, served as a devnet. */
export async function devnetWithMaster(): Promise<DevnetWithMaster> {
    const blockchain = await Blockchain.create();
    const backendKey = keyPairFromSeed(Buffer.alloc(32, 21));
    const { master, owner } = await deploySandboxMaster(blockchain, { backendPublicKey: backendKey.publicKey });
    const served = await serveDevnet(blockchain);
    const globalId = sandboxGlobalId(blockchain);
    const chain = tonClientChain({ endpoint: served.endpoint, master, globalId });
    return { ...served, master, owner: owner.address, backendKey, globalId, chain };
}
