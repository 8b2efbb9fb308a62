// `npm start`. With a chain configured (CHAIN=toncenter) it is the service alone. Without one, a one-command local
// setup: the devnet program as a child process (chain under <data dir>/devnet), its EscrowMaster deployed for the
// service's own backend key and owned by a wallet you can sign with (masterOwner.ts), and the service pointed at the
// devnet's toncenter API. Both stop together. Ports are checked before anything is written, and a banner says where
// everything is.
import { existsSync, mkdirSync, renameSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { ConfigError, loadConfig, ServiceConfig } from '../backend/src/config';
import { loadSecrets } from '../backend/src/secrets';
import { exitOnStartFailure, StartedService, startService, stopOnSignals } from '../backend/src/server';
import { WEB_DIST_DIR } from '../backend/src/web/webApp';
import { startDevnet, stopDevnet } from '../devnet/devnetProcess';
import { bannerText, DevnetFacts } from './banner';
import { MasterOwnerError, resolveMasterOwner } from './masterOwner';
import { topUpOwner } from './ownerFunds';
import { NamedPort, portProblems } from './portCheck';

/** Where the devnet listens unless DEVNET_PORT says otherwise: beside the service's default 8080. */
const DEFAULT_DEVNET_PORT = 8081;

/** A reason not to start that fits one line: said plainly, exit 1. */
class CannotStart extends Error {}

async function main(): Promise<void> {
    const config = loadConfig(process.env);
    const servicePort: NamedPort = { host: config.host, port: config.port, role: 'the service (PORT)' };
    if (config.chain) {
        await refuseTakenPorts([servicePort]);
        const running = await startService(config);
        stopOnSignals(running.app.log, () => running.app.close());
        printBanner(config, running);
        return;
    }
    acceptLocalProofDomains(config, process.env);
    const devnetHost = process.env.DEVNET_HOST || '127.0.0.1';
    const devnetPort = devnetPortOf(process.env.DEVNET_PORT);
    await refuseTakenPorts([servicePort, { host: devnetHost, port: devnetPort, role: 'the local devnet (DEVNET_PORT)' }]);

    const secrets = loadSecrets(config);
    const owner = await resolveMasterOwner(process.env, config.dataDir).catch((err: unknown) => {
        throw err instanceof MasterOwnerError ? new CannotStart(err.message) : err;
    });
    const devnet = await startDevnet({
        host: devnetHost,
        port: devnetPort,
        dataDir: devnetDataDir(config),
        backendPublicKey: secrets.signingKey.publicKey,
        logLevel: config.logLevel,
        masterOwner: owner.address.toString(),
    });
    const running = await (async () => {
        await topUpOwner(devnet.url, devnet.endpoint, owner.address);
        return startService({ ...config, chain: { endpoint: devnet.endpoint, master: devnet.info.master } }, secrets);
    })().catch(async (err: unknown) => {
        await stopDevnet(devnet.child);
        throw err;
    });
    const serviceUrl = printBanner(config, running, { url: devnet.url, endpoint: devnet.endpoint, owner });
    running.app.log.info(
        { service: serviceUrl, toncenterApi: devnet.endpoint, faucet: `${devnet.url}/devnet/faucet`, owner: devnet.info.owner },
        'local setup ready: the service on a local devnet',
    );
    let stopping = false;
    stopOnSignals(running.app.log, async () => {
        stopping = true;
        await running.app.close();
        await stopDevnet(devnet.child);
    });
    // A devnet that dies leaves the service without a chain: stop the service too, and say so.
    devnet.child.once('exit', (code, signal) => {
        if (stopping) return;
        running.app.log.error({ code, signal }, 'the devnet exited; stopping the service');
        running.app.close().finally(() => process.exit(1));
    });
}

/**
 * On one machine the service is reached as localhost and as 127.0.0.1 alike (the web app's URL and the clients'
 * defaults differ), so unless TON_PROOF_DOMAINS names its own, proofs for either are accepted.
 */
function acceptLocalProofDomains(config: ServiceConfig, env: NodeJS.ProcessEnv): void {
    if (env.TON_PROOF_DOMAINS || config.port === 0) return;
    for (const domain of [`localhost:${config.port}`, `127.0.0.1:${config.port}`]) {
        if (!config.tonProofDomains.includes(domain)) config.tonProofDomains.push(domain);
    }
}

async function refuseTakenPorts(ports: NamedPort[]): Promise<void> {
    const [problem] = await portProblems(ports);
    if (problem) throw new CannotStart(problem);
}

/** Prints the banner; answers the service's URL. */
function printBanner(config: ServiceConfig, running: StartedService, devnet?: DevnetFacts): string {
    const { port } = running.app.server.address() as AddressInfo;
    const serviceUrl = `http://${displayHost(config.host)}:${port}`;
    const webBuilt = existsSync(join(WEB_DIST_DIR, 'index.html'));
    process.stdout.write(`${bannerText({ serviceUrl, publicUrl: config.publicUrl, webBuilt, ...running }, devnet)}\n`);
    return serviceUrl;
}

function devnetPortOf(raw: string | undefined): number {
    if (raw === undefined || raw === '') return DEFAULT_DEVNET_PORT;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) throw new ConfigError([`DEVNET_PORT must be 1 to 65535, got "${raw}"`]);
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

main().catch((err: unknown) => {
    if (!(err instanceof CannotStart)) exitOnStartFailure(err);
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
});
