// The service as a process: load the configuration, connect the chain, build the service, listen, and shut down
// gracefully on SIGINT/SIGTERM (stop taking requests, finish those in flight, stop the background loops, close the
// store). `npm start` runs it through start/launcher.ts, which first starts a local devnet when CHAIN is unset.
import { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildService } from './app';
import { chainFromConfig } from './chain/chainFromConfig';
import { ConfigError, loadConfig, ServiceConfig } from './config';
import { loadSecrets, ServiceSecrets } from './secrets';
import { WEB_DIST_DIR } from './web/webApp';

/** The listening service and what a start-up banner says about it. */
export interface StartedService {
    app: FastifyInstance;
    master: string;
    globalId: number;
    backendPublicKey: string;
}

/** Connects the configured chain, builds the service and listens; closing the app stops it. */
export async function startServer(config: ServiceConfig, secrets: ServiceSecrets = loadSecrets(config)): Promise<FastifyInstance> {
    return (await startService(config, secrets)).app;
}

/** startServer, answering the chain facts too. */
export async function startService(config: ServiceConfig, secrets: ServiceSecrets = loadSecrets(config)): Promise<StartedService> {
    if (!config.chain) {
        throw new ConfigError([
            'no chain configured: set CHAIN=toncenter with TONCENTER_ENDPOINT and ESCROW_MASTER_ADDRESS, or run `npm start`, which starts a local devnet',
        ]);
    }
    const { chain, description } = await chainFromConfig(config.chain);
    const { app } = await buildService({ config, secrets, chain, webDir: WEB_DIST_DIR });
    const facts = { master: chain.masterAddress.toString(), globalId: chain.globalId, backendPublicKey: secrets.signingKey.publicKey.toString('hex') };
    app.log.info({ chain: description, ...facts }, 'chain connected; intents are signed with this backend key');
    await app.listen({ host: config.host, port: config.port });
    app.log.info({ url: config.publicUrl }, `web app at ${config.publicUrl}`);
    return { app, ...facts };
}

/** On the first SIGINT or SIGTERM runs `stop`, then exits: 0 when it finished, 1 when it failed. */
export function stopOnSignals(log: FastifyBaseLogger, stop: () => Promise<void>): void {
    let closing = false;
    const shutdown = (signal: string) => {
        if (closing) return;
        closing = true;
        log.info({ signal }, 'shutting down');
        stop().then(
            () => process.exit(0),
            (err: unknown) => {
                log.error({ err }, 'shutdown failed');
                process.exit(1);
            },
        );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Prints why the process could not start and exits 1; a configuration error plainly, without a stack trace. */
export function exitOnStartFailure(err: unknown): never {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error)?.stack ?? err}\n`);
    process.exit(1);
}

async function main(): Promise<void> {
    const app = await startServer(loadConfig(process.env));
    stopOnSignals(app.log, () => app.close());
}

if (require.main === module) main().catch(exitOnStartFailure);
