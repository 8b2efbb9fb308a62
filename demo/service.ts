// The service with its local devnet, in a child process on a free port with a fresh data directory.
import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address } from '@ton/core';
import { spawnTypeScript } from './childProcesses';

export interface RunningService {
    child: ChildProcess;
    url: string;
    /** host:port, the domain the service accepts in a ton_proof. */
    proofDomain: string;
    tonEndpoint: string;
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

/** Starts `npm start`'s entry point on a free port, in `dataDir` (a fresh temporary directory when not given). */
export async function startService(dataDir = mkdtempSync(join(tmpdir(), 'gstd-demo-'))): Promise<RunningService> {
    const port = await freePort();
    const proofDomain = `127.0.0.1:${port}`;
    const child = spawnTypeScript('backend/src/server.ts', [], {
        GSTD_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
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
    return { child, url, proofDomain, tonEndpoint: `${url}/api/v2/jsonRPC`, dataDir };
}

/** Coins from the devnet faucet; answers the recipient's transaction lt, where its history in the demo starts. */
export async function faucet(service: RunningService, address: Address, amount: bigint): Promise<bigint> {
    const response = await fetch(`${service.url}/devnet/faucet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ address: address.toString(), amount: amount.toString() }),
    });
    const answer = (await response.json()) as { lt?: string; error?: { message: string } };
    if (!response.ok || !answer.lt) throw new Error(`faucet refused ${address}: ${answer.error?.message ?? response.status}`);
    return BigInt(answer.lt);
}
