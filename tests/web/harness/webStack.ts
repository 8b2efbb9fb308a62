// What a browser test runs against, as `npm start` runs it: the devnet program and the service (which serves the
// built web app) as two child processes on free ports, over a fresh data directory. The page is reached at
// http://127.0.0.1:<port>, which is also PUBLIC_URL and the one proof domain the service accepts, so the wallet's
// ton_proof names exactly what the service checks.
import { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { loadConfig } from '../../../backend/src/config';
import { loadSecrets } from '../../../backend/src/secrets';
import { WEB_DIST_DIR } from '../../../backend/src/web/webApp';
import { spawnTypeScript, stopChild } from '../../../demo/childProcesses';
import { RunningDevnet, stopDevnet } from '../../../devnet/devnetProcess';
import { freePort, startDevnetChild } from '../../devnet/devnetChild';
import { fundFromFaucet } from '../../devnet/devnetHttp';

export interface WebStack {
    /** The page's origin: http://127.0.0.1:<port>. */
    url: string;
    devnet: RunningDevnet;
    /** The devnet's toncenter API, for wallets and CLI workers. */
    tonEndpoint: string;
    /** host:port, the domain wallets sign their ton_proof for. */
    proofDomain: string;
    dataDir: string;
    /** Stops the service and starts it again on the same port and data, as an operator's restart does. */
    restartService(): Promise<void>;
    /** Coins from the devnet's faucet; answers the recipient's transaction lt, where its history in a test starts. */
    fund(address: Address, amount: bigint): Promise<bigint>;
    stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode} before it was healthy`);
        if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    }
    throw new Error(`the service did not answer GET ${url}/health within ${timeoutMs} ms`);
}

export async function startWebStack(): Promise<WebStack> {
    if (!existsSync(join(WEB_DIST_DIR, 'index.html'))) {
        throw new Error(`the web app is not built (${WEB_DIST_DIR}): run \`npm run build:web\` first (npm test's pretest does)`);
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'gstd-web-'));
    const backendKey = loadSecrets(loadConfig({ GSTD_DATA_DIR: dataDir })).signingKey.publicKey;
    const devnet = await startDevnetChild(join(dataDir, 'devnet'), backendKey);
    const port = await freePort();
    const proofDomain = `127.0.0.1:${port}`;
    const url = `http://${proofDomain}`;
    const env = {
        GSTD_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: url,
        TON_PROOF_DOMAINS: proofDomain,
        CHAIN: 'toncenter',
        TONCENTER_ENDPOINT: devnet.endpoint,
        ESCROW_MASTER_ADDRESS: devnet.info.master,
        LOG_LEVEL: 'warn',
        SWEEP_INTERVAL_MS: '500',
        CHAIN_POLL_INTERVAL_MS: '1000',
        RATE_LIMIT_AUTH_PER_MINUTE: '100000',
        RATE_LIMIT_RESULTS_PER_SECOND: '100000',
    };

    const startService = async (): Promise<ChildProcess> => {
        const child = spawnTypeScript('backend/src/server.ts', [], env);
        // The service logs warnings and errors only: worth seeing beside a failing test.
        child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[service] ${chunk}`));
        child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(`[service] ${chunk}`));
        try {
            await waitForHealth(url, child);
        } catch (err) {
            await stopChild(child);
            throw err;
        }
        return child;
    };

    let service: ChildProcess;
    try {
        service = await startService();
    } catch (err) {
        await stopDevnet(devnet.child);
        throw err;
    }
    return {
        url,
        devnet,
        tonEndpoint: devnet.endpoint,
        proofDomain,
        dataDir,
        async restartService() {
            await stopChild(service, 10_000);
            service = await startService();
        },
        async fund(address, amount) {
            return BigInt((await fundFromFaucet(devnet.url, address.toString({ bounceable: false }), amount)).lt);
        },
        async stop() {
            await stopChild(service, 10_000);
            await stopDevnet(devnet.child);
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
}
