// `npm start`: load the configuration, connect the chain, build the service, listen, and shut down gracefully on
// SIGINT/SIGTERM (stop taking requests, finish those in flight, stop the background loops, close the store).
import { join } from 'path';
import { buildService } from './app';
import { devnetRoutes } from './devnet/devnetRoutes';
import { devnetSaver } from './devnet/devnetSaver';
import { devnetFaucet } from './devnet/faucet';
import { chainFromConfig } from './chain/chainFromConfig';
import { ConfigError, loadConfig } from './config';
import { loadSecrets } from './secrets';

async function main(): Promise<void> {
    const config = loadConfig(process.env);
    const secrets = loadSecrets(config);
    const { chain, description, devnet } = await chainFromConfig(config.chain, secrets.signingKey.publicKey, join(config.dataDir, 'devnet.json'));
    const { app } = await buildService({ config, secrets, chain });
    if (devnet) {
        // The devnet speaks toncenter's API, so wallets, workers and Blueprint scripts use it as they would testnet.
        // Every change is saved before it is acknowledged, the master and the faucet included, so the chain survives
        // a crash as the store does.
        const faucet = await devnetFaucet(devnet.blockchain);
        const saver = devnetSaver(devnet.blockchain, devnet.stateFile);
        await saver.afterChange();
        await app.register(devnetRoutes, { blockchain: devnet.blockchain, faucet, persist: saver.afterChange });
        // The last save goes through the saver too, so it cannot race a save still running and be overwritten by it.
        app.addHook('onClose', () => saver.afterChange());
    }
    app.log.info(
        {
            chain: description,
            master: chain.masterAddress.toString(),
            backendPublicKey: secrets.signingKey.publicKey.toString('hex'),
            toncenterApi: devnet ? `http://localhost:${config.port}/api/v2/jsonRPC` : undefined,
        },
        'chain connected; intents are signed with this backend key',
    );

    let closing = false;
    const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'shutting down');
        app.close().then(
            () => process.exit(0),
            (err: unknown) => {
                app.log.error({ err }, 'shutdown failed');
                process.exit(1);
            },
        );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));

    await app.listen({ host: config.host, port: config.port });
}

main().catch((err) => {
    // A configuration error is the operator's to fix: print it plainly, without a stack trace.
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${err?.stack ?? err}\n`);
    process.exit(1);
});
