// The worker CLI as a user runs it, in a child process: bad flags are refused with the usage, and a real run
// logs in, works a task beside an in-process worker, claims through a toncenter-shaped endpoint, and exits
// with a JSON summary once paid; with --claims off it exits once its result is in, having sent nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Address, toNano } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { walletFromMnemonic } from '../../../client/wallet';
import { WorkerSummary } from '../../../worker/src/client/workerClient';
import { startToncenterWithSend } from '../../client/toncenterWithSend';
import { PROOF_DOMAIN, workerHarness, WorkerHarness } from './workerHarness';

const ROOT = join(__dirname, '../../..');

function runCli(args: string[], timeoutMs = 45_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'worker/src/cli.ts', ...args], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the CLI did not exit within ${timeoutMs} ms; stderr:\n${stderr}`));
        }, timeoutMs);
        child.on('exit', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

type ToncenterWithSend = Awaited<ReturnType<typeof startToncenterWithSend>>;

describe('worker CLI', () => {
    let h: WorkerHarness | null = null;
    let ton: ToncenterWithSend | null = null;
    afterEach(async () => {
        await ton?.close();
        ton = null;
        await h?.close();
        h = null;
    });

    /** The service, and a toncenter-shaped endpoint over its sandbox for the child's claims and balance reads. */
    async function serviceForChild(): Promise<{ service: WorkerHarness; endpoint: ToncenterWithSend }> {
        h = await workerHarness();
        // The child signs proofs and wallet messages by the real clock; bring the service and the sandbox to it.
        h.f.advance(Math.floor(Date.now() / 1000) - h.f.now());
        ton = await startToncenterWithSend(h.f.blockchain);
        return { service: h, endpoint: ton };
    }

    it('refuses bad flags with exit status 2 and the usage', async () => {
        const run = await runCli(['--service', 'http://localhost:8080', '--mnemonic', 'a b c', '--wallet', 'v3']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/--wallet must be one of v4, v5r1/);
        expect(run.stderr).toMatch(/Usage: npm run worker/);
    });

    it('has no demo behaviours: --behaviour is an unknown option (exit status 2)', async () => {
        const run = await runCli(['--service', 'http://localhost:8080', '--mnemonic', 'a b c', '--behaviour', 'liar']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/Unknown option '--behaviour'/);
        expect(run.stderr).toMatch(/Usage: npm run worker/);
    });

    it('stops with exit status 1 and says why when the mnemonic is not valid', async () => {
        const run = await runCli(['--service', 'http://localhost:8080', '--mnemonic', Array(24).fill('abandon').join(' ')]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/error: the mnemonic is not a valid 24-word TON mnemonic/);
    });

    it('stops with exit status 1 and asks for --network when the TON endpoint cannot say which network it serves', async () => {
        const words = await mnemonicNew(24);
        const run = await runCli(['--service', 'http://localhost:8080', '--mnemonic', words.join(' '), '--ton-endpoint', 'http://127.0.0.1:1/api/v2/jsonRPC']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/error: could not read the network's global id from http:\/\/127\.0\.0\.1:1\/api\/v2\/jsonRPC .* name it with --network/);
    });

    it('works a task, claims on-chain from its wallet and prints the summary once paid', async () => {
        const { service, endpoint } = await serviceForChild();
        const { f } = service;
        const words = await mnemonicNew(24);
        const dir = mkdtempSync(join(tmpdir(), 'gstd-cli-'));
        writeFileSync(join(dir, 'mnemonic'), `${words.join(' ')}\n`, { mode: 0o600 });
        // No --network: the wallet is for the network the endpoint serves, the sandbox's mainnet id.
        const wallet = await walletFromMnemonic(words, 'v5r1', 'mainnet');
        await service.bank.send({ to: wallet.address, value: toNano('2'), bounce: false });
        const sha256 = await service.uploadModule('hash-chain');
        const peer = await service.newWorker('peer', { maxTasks: 1 });
        await peer.client.start();

        const cli = runCli([
            ...['--service', `http://127.0.0.1:${f.port}`, '--mnemonic-file', join(dir, 'mnemonic'), '--wallet', 'v5r1'],
            ...['--device-name', 'cli-device', '--proof-domain', PROOF_DOMAIN, '--ton-endpoint', endpoint.url, '--max-tasks', '1'],
        ]);
        const registered = await waitForDevice(service, 'cli-device', wallet.address);
        expect(registered).toBe(true);
        const task = await service.openTask({ operation: 'hash-chain', module_sha256: sha256, input: { seed: 11, rounds: 50 }, redundancy: 2 });
        const run = await cli;

        expect(run.code).toBe(0);
        const summary = JSON.parse(run.stdout) as WorkerSummary;
        expect(summary).toMatchObject({ wallet: wallet.address.toRawString(), wallet_version: 'v5r1', device_name: 'cli-device' });
        expect(summary.earnings.paid.map((p) => p.task_id)).toEqual([task.task_id]);
        expect(BigInt(summary.earnings.balance_delta!)).toBeGreaterThan(0n);
        expect(run.stderr).toMatch(new RegExp(`task ${task.task_id}: paid [0-9.]+ TON`));
        expect(endpoint.sent).toBe(1);
    });

    it('with --claims off exits after its submission, sends nothing, and names the reward it left to claim by hand', async () => {
        const { service, endpoint } = await serviceForChild();
        const { f } = service;
        // An empty wallet: with claims off it pays for nothing, so it is not warned about.
        const words = await mnemonicNew(24);
        const wallet = await walletFromMnemonic(words, 'v4', 'mainnet');
        const sha256 = await service.uploadModule('hash-chain');
        const cli = runCli([
            ...['--service', `http://127.0.0.1:${f.port}`, '--mnemonic', words.join(' '), '--claims', 'off'],
            ...['--device-name', 'by-hand-device', '--proof-domain', PROOF_DOMAIN, '--ton-endpoint', endpoint.url, '--max-tasks', '1'],
        ]);
        expect(await waitForDevice(service, 'by-hand-device', wallet.address)).toBe(true);
        // Two agreeing results needed and no other worker: undecided, yet one submission is all --max-tasks 1 waits for.
        const task = await service.openTask({ operation: 'hash-chain', module_sha256: sha256, input: { seed: 12, rounds: 50 }, redundancy: 2 });
        const run = await cli;

        expect(run.code).toBe(0);
        const summary = JSON.parse(run.stdout) as WorkerSummary;
        expect(summary.earnings).toMatchObject({ tasks_paid: 0, paid: [], not_paid: [], left_to_claim: [task.task_id], balance_delta: '0' });
        expect((await f.api('GET', `/api/v1/tasks/${task.task_id}`, await f.sessionOf(f.requester.address))).body.status).toBe('open');
        expect(run.stderr).toMatch(/claims off: rewards are left to claim by hand from this wallet/);
        expect(run.stderr).toContain(`left to claim by hand: task ${task.task_id} (npm run requester -- intent <task>`);
        expect(run.stderr).not.toMatch(/warning: the wallet holds/);
        expect(endpoint.sent).toBe(0);
    });
});

/** Waits until the CLI's wallet has registered its device: then it is about to connect to the hub. */
async function waitForDevice(h: WorkerHarness, name: string, wallet: Address): Promise<boolean> {
    const { f } = h;
    const token = await f.sessionOf(wallet);
    const giveUpAt = Date.now() + 30_000;
    while (Date.now() < giveUpAt) {
        const { devices } = (await f.api('GET', '/api/v1/devices', token)).body as { devices: Array<{ name: string }> };
        if (devices.some((d) => d.name === name)) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
}
