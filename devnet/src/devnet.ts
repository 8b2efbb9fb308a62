// The devnet as a fastify app, not yet listening: a sandbox chain loaded from its file (or fresh), its faucet, and an
// EscrowMaster for the given backend key, found on a loaded chain or deployed on it. main.ts listens; tests serve it
// in-process the same way.
import fastify, { FastifyInstance, LogController } from 'fastify';
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { inTurn } from './chainTurns';
import { devnetRoutes } from './devnetRoutes';
import { devnetSaver } from './devnetSaver';
import { followWallClock } from './devnetClock';
import { loadDevnet } from './devnetState';
import { deploySandboxMaster, SANDBOX_FEE_BPS } from './deploySandboxMaster';
import { devnetFaucet, Faucet, MAX_FAUCET_GRANT } from './faucet';
import { DevnetInfo } from './infoRoute';
import { sandboxGlobalId } from './networkConfig';
import { sandboxTransactionsOf } from './transactionLog';
import { DEVNET_GLOBAL_ID } from '../devnetNetwork';
import { devnetLogger } from './devnetLogger';

export interface DevnetOptions {
    /** The ed25519 public key (32 bytes) the EscrowMaster checks payout intents against: the service's. */
    backendPublicKey: Buffer;
    /** Where the chain is kept: loaded when it exists, saved after every change. In memory only when absent. */
    stateFile?: string;
    /** A chain to serve instead of loading one (tests). */
    blockchain?: Blockchain;
    logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    /** The master's owner and treasury; the devnet's own wallet when absent. */
    masterOwner?: Address;
}

export interface Devnet {
    app: FastifyInstance;
    blockchain: Blockchain;
    faucet: Faucet;
    info: DevnetInfo;
    /** Whether the chain came from `stateFile`. */
    loaded: boolean;
}

export async function buildDevnet(options: DevnetOptions): Promise<Devnet> {
    const loaded = options.blockchain ?? (options.stateFile ? await loadDevnet(options.stateFile) : null);
    const blockchain = loaded ?? (await Blockchain.create());
    // The faucet's treasury and the master are deployed on a fresh chain and found on a loaded one.
    const faucet = await devnetFaucet(blockchain);
    const { master, owner } = await inTurn(blockchain, () => {
        followWallClock(blockchain);
        return deploySandboxMaster(blockchain, { backendPublicKey: options.backendPublicKey, owner: options.masterOwner });
    });
    const globalId = sandboxGlobalId(blockchain);
    if (globalId !== DEVNET_GLOBAL_ID) throw new Error(`the chain reports global id ${globalId}, not the devnet's ${DEVNET_GLOBAL_ID}`);
    const info: DevnetInfo = {
        master: master.toString(),
        owner: owner.toString(),
        treasury: owner.toString(),
        fee_bps: Number(SANDBOX_FEE_BPS),
        backend_public_key: options.backendPublicKey.toString('hex'),
        global_id: globalId,
        genesis: genesisOf(blockchain, faucet.address),
        faucet: { address: faucet.address.toString(), max_grant: MAX_FAUCET_GRANT.toString() },
    };

    const app = fastify({
        logger: options.logLevel && options.logLevel !== 'silent' ? devnetLogger(options.logLevel) : false,
        // Every wallet poll would be a line; failures are logged where they happen.
        logController: new LogController({ disableRequestLogging: true }),
    });
    let persist: (() => Promise<void>) | undefined;
    if (options.stateFile) {
        // Every change is saved before it is acknowledged, the master and the faucet included, so the chain survives
        // a crash (SIGKILL, power loss), not only a clean stop.
        const saver = devnetSaver(blockchain, options.stateFile);
        await saver.afterChange();
        persist = saver.afterChange;
        // The last save goes through the saver too, so it cannot race a save still running and be overwritten by it.
        app.addHook('onClose', () => saver.afterChange());
    }
    await app.register(devnetRoutes, { blockchain, faucet, info, persist });
    return { app, blockchain, faucet, info, loaded: loaded !== null && options.blockchain === undefined };
}

/**
 * The faucet's first transaction, its deployment: the oldest on every devnet chain, and dated to the second the chain
 * began, so two fresh chains begun in the same second share it.
 */
function genesisOf(blockchain: Blockchain, faucet: Address): string {
    const [first] = sandboxTransactionsOf(blockchain, faucet);
    if (!first) throw new Error('the devnet faucet has no transaction');
    return first.hash().toString('hex');
}
