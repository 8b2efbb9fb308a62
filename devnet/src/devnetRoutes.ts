// Everything the devnet serves: toncenter's v2 API over the sandbox, a faucet, and what it deployed.
// Each part is registered as it is (not through fastify-plugin): its error handlers and validation stay within it.
import { FastifyInstance } from 'fastify';
import { Blockchain } from '@ton/sandbox';
import { Faucet } from './faucet';
import { faucetRoutes } from './faucetRoute';
import { DevnetInfo, infoRoute } from './infoRoute';
import { toncenterMethods } from './toncenterMethods';
import { toncenterRoutes } from './toncenterRpc';

export interface DevnetRoutesOptions {
    blockchain: Blockchain;
    /** From devnetFaucet(blockchain). */
    faucet: Faucet;
    info: DevnetInfo;
    /** Makes the chain's latest change durable (devnetSaver); the answer to a send or a grant waits for it. */
    persist?: () => Promise<void>;
}

export async function devnetRoutes(app: FastifyInstance, opts: DevnetRoutesOptions): Promise<void> {
    await app.register(toncenterRoutes, { methods: toncenterMethods(opts.blockchain, opts.persist) });
    await app.register(faucetRoutes, { faucet: opts.faucet, persist: opts.persist });
    await app.register(infoRoute, { info: opts.info });
}
