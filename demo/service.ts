// The service and the local devnet it runs on, as `npm start` sets them up, but as two child processes on free ports
// with a fresh data directory: the devnet program first, its master deployed for the service's backend key, then the
// service pointed at the devnet's toncenter API.
import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { TonNetwork } from '../client/wallet';
import { networkOfGlobalId } from '../worker/src/commandLine/endpointNetwork';
import { loadConfig } from '../backend/src/config';
import { loadSecrets } from '../backend/src/secrets';
import { DEVNET_ENTRY, devnetArgs, devnetUrl, RunningDevnet, waitForDevnet } from '../devnet/devnetProcess';
import { spawnTypeScript, stopChild } from './childProcesses';

export interface RunningService {
    child: ChildProcess;
    url: string;
    /** host:port, the domain the service accepts in a ton_proof. */
    proofDomain: string;
    /** The devnet's toncenter API, for wallets and workers. */
    tonEndpoint: string;
    devnet: RunningDevnet;
    /** The network the devnet's global id names: the demo's wallets and their proofs are for it. */
    network: TonNetwork;
    dataDir: string;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address() as { port: number };
            probe.close(() => resolve(port));
        });
    });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
        if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode} before it was healthy`);
        const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
        if (healthy) return;
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the service did not answer GET /health within ${timeoutMs} ms`);
}

/** The devnet program on a free port, keeping its chain under `dataDir`/devnet, for the service's backend key. */
async function startDevnet(dataDir: string): Promise<RunningDevnet> {
    const backendPublicKey = loadSecrets(loadConfig({ GSTD_DATA_DIR: dataDir })).signingKey.publicKey;
    const options = { port: await freePort(), dataDir: join(dataDir, 'devnet'), backendPublicKey, logLevel: 'warn' };
    const child = spawnTypeScript(DEVNET_ENTRY, devnetArgs(options), {});
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[devnet] ${chunk}`));
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(`[devnet] ${chunk}`));
    return waitForDevnet(child, devnetUrl(options));
}

/** Starts the devnet, then the service (backend/src/server.ts) on it, on free ports in `dataDir` (fresh when not given). */
export async function startService(dataDir = mkdtempSync(join(tmpdir(), 'gstd-demo-'))): Promise<RunningService> {
    const devnet = await startDevnet(dataDir);
    const port = await freePort();
    const proofDomain = `127.0.0.1:${port}`;
    const child = spawnTypeScript('backend/src/server.ts', [], {
        GSTD_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        CHAIN: 'toncenter',
        TONCENTER_ENDPOINT: devnet.endpoint,
        ESCROW_MASTER_ADDRESS: devnet.info.master,
        // The web app's manifest names the page's own origin, which wallets sign their proofs for.
        PUBLIC_URL: `http://${proofDomain}`,
        TON_PROOF_DOMAINS: proofDomain,
        LOG_LEVEL: 'warn',
        SWEEP_INTERVAL_MS: '500',
        CHAIN_POLL_INTERVAL_MS: '1000',
        RATE_LIMIT_AUTH_PER_MINUTE: '100000',
        RATE_LIMIT_RESULTS_PER_SECOND: '100000',
    });
    // Warnings and errors from the service are worth seeing as they happen.
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[service] ${chunk}`));
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(`[service] ${chunk}`));
    const url = `http://${proofDomain}`;
    await waitForHealth(url, child, 60_000);
    return { child, url, proofDomain, tonEndpoint: devnet.endpoint, devnet, network: networkOf(devnet.info.global_id), dataDir };
}

export function networkOf(globalId: number): TonNetwork {
    const network = networkOfGlobalId(globalId);
    if (!network) throw new Error(`the devnet reports global id ${globalId}, which no wallet network has`);
    return network;
}

/** Stops the service, then the devnet under it. */
export async function stopService(service: RunningService): Promise<void> {
    await stopChild(service.child, 10_000);
    await stopChild(service.devnet.child, 10_000);
}

/** Coins from the devnet faucet; answers the recipient's transaction lt, where its history in the demo starts. */
export async function faucet(service: Pick<RunningService, 'devnet'>, address: Address, amount: bigint): Promise<bigint> {
    const response = await fetch(`${service.devnet.url}/devnet/faucet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ address: address.toString(), amount: amount.toString() }),
    });
    const answer = (await response.json()) as { lt?: string; error?: { message: string } };
    if (!response.ok || !answer.lt) throw new Error(`faucet refused ${address}: ${answer.error?.message ?? response.status}`);
    return BigInt(answer.lt);
}
