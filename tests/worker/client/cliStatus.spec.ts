// What the worker CLI tells its user beyond the work itself: a wallet too poor to claim, a status line while idle,
// the network taken from the TON endpoint, and a chain reset (a devnet restarted from scratch) told apart from a loss.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairFromSeed, mnemonicNew } from '@ton/crypto';
import { NETWORK_GLOBAL_IDS, walletFromMnemonic } from '../../../client/wallet';
import { startDevnet, stopDevnet } from '../../../devnet/devnetProcess';
import { WorkerSummary } from '../../../worker/src/client/workerClient';
import { startToncenterWithSend } from '../../client/toncenterWithSend';
import { freePort } from '../../devnet/devnetChild';
import { PROOF_DOMAIN, workerHarness, WorkerHarness } from './workerHarness';

const ROOT = join(__dirname, '../../..');

interface CliRun {
    child: ChildProcess;
    stderr: () => string;
    /** Resolves once stderr matches `pattern`. */
    waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
    /** SIGTERM, then the exit code and stdout. */
    stop(): Promise<{ code: number | null; stdout: string }>;
}

function startCli(args: string[]): CliRun {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'worker/src/cli.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return {
        child,
        stderr: () => stderr,
        async waitFor(pattern, timeoutMs = 45_000) {
            const giveUpAt = Date.now() + timeoutMs;
            while (!pattern.test(stderr)) {
                if (Date.now() > giveUpAt || child.exitCode !== null) throw new Error(`no ${pattern} from the CLI; stderr:\n${stderr}`);
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        },
        async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            return { code: await exited, stdout };
        },
    };
}

describe('worker CLI status', () => {
    let h: WorkerHarness | null = null;
    let cli: CliRun | null = null;
    const cleanups: Array<() => Promise<void>> = [];

    afterEach(async () => {
        await cli?.stop();
        cli = null;
        for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
        await h?.close();
        h = null;
    });

    it('warns at start when the wallet cannot pay for a claim, then says it is idle while no offer comes', async () => {
        h = await workerHarness();
        const { f } = h;
        f.advance(Math.floor(Date.now() / 1000) - f.now());
        const ton = await startToncenterWithSend(f.blockchain);
        cleanups.push(() => ton.close());
        const words = await mnemonicNew(24);

        cli = startCli([
            ...['--service', `http://127.0.0.1:${f.port}`, '--mnemonic', words.join(' '), '--proof-domain', PROOF_DOMAIN],
            ...['--ton-endpoint', ton.url, '--device-name', 'idle-device', '--status-every', '1'],
        ]);
        await cli.waitFor(new RegExp(`idle: connected to http://127.0.0.1:${f.port}, waiting for offers, trust \\d\\.\\d{4}`));

        expect(cli.stderr()).toMatch(/warning: the wallet holds 0 TON, less than the 0\.06 TON one claim costs/);
        const { code } = await cli.stop();
        expect(code).toBe(0);
    });

    it("takes the wallet's network from the devnet, and reports a chain reset, not a loss, when the devnet restarts from scratch", async () => {
        h = await workerHarness();
        const { f } = h;
        f.advance(Math.floor(Date.now() / 1000) - f.now());
        const port = await freePort();
        const backendPublicKey = keyPairFromSeed(Buffer.alloc(32, 5)).publicKey;
        const startFresh = async () => {
            const dataDir = mkdtempSync(join(tmpdir(), 'gstd-cli-devnet-'));
            const devnet = await startDevnet({ port, dataDir, backendPublicKey, logLevel: 'warn' }, ['ignore', 'ignore', 'inherit']);
            cleanups.push(async () => {
                await stopDevnet(devnet.child);
                rmSync(dataDir, { recursive: true, force: true });
            });
            return devnet;
        };
        const first = await startFresh();
        const words = await mnemonicNew(24);
        // No --network: a v5r1 wallet is derived for the global id the devnet reports.
        const wallet = await walletFromMnemonic(words, 'v5r1', 'mainnet');
        expect(NETWORK_GLOBAL_IDS[wallet.network]).toBe(first.info.global_id);
        const grant = await fetch(`${first.url}/devnet/faucet`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ address: wallet.address.toString(), amount_ton: '100' }),
        });
        expect(grant.status).toBe(200);

        cli = startCli([
            ...['--service', `http://127.0.0.1:${f.port}`, '--mnemonic', words.join(' '), '--wallet', 'v5r1', '--proof-domain', PROOF_DOMAIN],
            ...['--ton-endpoint', first.endpoint, '--device-name', 'reset-device'],
        ]);
        await cli.waitFor(/connected to the hub/);
        expect(cli.stderr()).toContain(`wallet v5r1 ${wallet.address.toString({ bounceable: false })} on the local devnet (mainnet's global id)`);

        await stopDevnet(first.child);
        const second = await startFresh();
        expect(second.info.genesis).not.toBe(first.info.genesis);
        const { code, stdout } = await cli.stop();

        expect(code).toBe(0);
        const summary = JSON.parse(stdout) as WorkerSummary;
        expect(summary.chain_reset).toMatch(/the devnet was restarted from scratch/);
        expect(summary.earnings).toMatchObject({ balance_start: '100000000000', balance_end: '0', balance_delta: null });
        expect(cli.stderr()).toMatch(/the chain was reset while this worker ran: .* that is no loss/);
    });
});
