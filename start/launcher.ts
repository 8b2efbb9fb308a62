// `npm start`. With a chain configured (CHAIN=toncenter) it is the service alone. Without one, a one-command local
// setup: the devnet program as a child process (chain under <data dir>/devnet), its EscrowMaster deployed for the
// service's own backend key, and the service pointed at the devnet's toncenter API. Both stop together.
import { existsSync, mkdirSync, renameSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { loadConfig, ServiceConfig } from '../backend/src/config';
import { loadSecrets } from '../backend/src/secrets';
import { exitOnStartFailure, startServer, stopOnSignals } from '../backend/src/server';
import { startDevnet, stopDevnet } from '../devnet/devnetProcess';

/** Where the devnet listens unless DEVNET_PORT says otherwise: beside the service's default 8080. */
const DEFAULT_DEVNET_PORT = 8081;

async function main(): Promise<void> {
    const config = loadConfig(process.env);
    if (config.chain) {
        const app = await startServer(config);
        stopOnSignals(app.log, () => app.close());
        return;
    }
    const secrets = loadSecrets(config);
    const devnet = await startDevnet({
        host: process.env.DEVNET_HOST || '127.0.0.1',
        port: devnetPort(process.env.DEVNET_PORT),
        dataDir: devnetDataDir(config),
        backendPublicKey: secrets.signingKey.publicKey,
        logLevel: config.logLevel,
    });
    const running = await startServer({ ...config, chain: { endpoint: devnet.endpoint, master: devnet.info.master } }, secrets).catch(
        async (err: unknown) => {
            await stopDevnet(devnet.child);
            throw err;
        },
    );
    const { port } = running.server.address() as AddressInfo;
    running.log.info(
        { service: `http://${displayHost(config.host)}:${port}`, toncenterApi: devnet.endpoint, faucet: `${devnet.url}/devnet/faucet` },
        'local setup ready: the service on a local devnet',
    );
    let stopping = false;
    stopOnSignals(running.log, async () => {
        stopping = true;
        await running.close();
        await stopDevnet(devnet.child);
    });
    // A devnet that dies leaves the service without a chain: stop the service too, and say so.
    devnet.child.once('exit', (code, signal) => {
        if (stopping) return;
        running.log.error({ code, signal }, 'the devnet exited; stopping the service');
        running.close().finally(() => process.exit(1));
    });
}

function devnetPort(raw: string | undefined): number {
    if (raw === undefined || raw === '') return DEFAULT_DEVNET_PORT;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) throw new Error(`DEVNET_PORT must be 1 to 65535, got "${raw}"`);
    return Number(raw);
}

/**
 * <data dir>/devnet. A chain the service kept itself before the devnet became its own program (<data dir>/devnet.json)
 * moves there once, so the store's tasks and the chain they were funded on stay together.
 */
function devnetDataDir(config: ServiceConfig): string {
    const dir = join(config.dataDir, 'devnet');
    const earlier = join(config.dataDir, 'devnet.json');
    mkdirSync(dir, { recursive: true });
    if (existsSync(earlier) && !existsSync(join(dir, 'devnet.json'))) renameSync(earlier, join(dir, 'devnet.json'));
    return dir;
}

function displayHost(host: string): string {
    return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

main().catch(exitOnStartFailure);
