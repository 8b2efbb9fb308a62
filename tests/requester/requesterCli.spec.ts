// The requester CLI end to end, as a person runs it: the devnet in its own process, the service over it, and
// `npm run requester`'s program as child processes. The requester creates, funds, follows and reads a task that two
// API-driven workers decide; one worker writes its intent with the CLI and claims it; after the deadline the
// requester closes the escrow and the chain shows the unspent budget back in its wallet. The deadline is 100 s: an
// intent needs 60 s left (INTENT_MIN_REMAINING_SECONDS) when the executor asks for it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toNano } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { FastifyInstance } from 'fastify';
import { AddressInfo } from 'node:net';
import { loadConfig } from '../../backend/src/config';
import { loadSecrets } from '../../backend/src/secrets';
import { startServer } from '../../backend/src/server';
import { GstdClient, hasCode, sendTransaction, tonClientClaimSender, walletFromMnemonic, WorkerWallet } from '../../client';
import { RunningDevnet, stopDevnet } from '../../devnet/devnetProcess';
import { CloseTransaction, CreatedTask, TaskResults, TaskView } from '../../protocol';
import { readIntentFile } from '../../scriptSupport/intentFile';
import { startDevnetChild } from '../devnet/devnetChild';
import { fundFromFaucet } from '../devnet/devnetHttp';

const ROOT = resolve(__dirname, '../..');
const PROOF_DOMAIN = 'requester.test';
const BUDGET = toNano('2');

interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

describe('npm run requester against the devnet', () => {
    let dataDir: string;
    let devnet: RunningDevnet;
    let app: FastifyInstance;
    let serviceUrl: string;

    beforeAll(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-requester-cli-'));
        const keys = loadSecrets(loadConfig({ GSTD_DATA_DIR: dataDir }));
        devnet = await startDevnetChild(join(dataDir, 'devnet'), keys.signingKey.publicKey);
        app = await startServer(
            loadConfig({
                GSTD_DATA_DIR: dataDir,
                HOST: '127.0.0.1',
                PORT: '0',
                LOG_LEVEL: 'silent',
                CHAIN: 'toncenter',
                TONCENTER_ENDPOINT: devnet.endpoint,
                ESCROW_MASTER_ADDRESS: devnet.info.master,
                TON_PROOF_DOMAINS: PROOF_DOMAIN,
                SWEEP_INTERVAL_MS: '1000',
                CHAIN_POLL_INTERVAL_MS: '500',
            }),
        );
        serviceUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
        await app?.close();
        if (devnet) await stopDevnet(devnet.child);
        rmSync(dataDir, { recursive: true, force: true });
    });

    /** Runs the requester program as `npm run requester` does, with `words` as WALLET_MNEMONIC. */
    function requester(words: string[], args: string[]): Promise<CliRun> {
        const common = ['--service', serviceUrl, '--ton-endpoint', devnet.endpoint, '--proof-domain', PROOF_DOMAIN, '--state-dir', join(dataDir, 'state')];
        return new Promise((done) => {
            execFile(
                process.execPath,
                ['-r', 'ts-node/register/transpile-only', 'requester/main.ts', ...args, ...common],
                { cwd: ROOT, env: { ...process.env, WALLET_MNEMONIC: words.join(' '), WALLET_VERSION: 'v4r2' }, timeout: 200_000 },
                (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
            );
        });
    }

    async function json<T>(words: string[], args: string[]): Promise<T> {
        const run = await requester(words, [...args, '--json']);
        if (run.code !== 0) throw new Error(`requester ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
        return JSON.parse(run.stdout) as T;
    }

    async function fundedWallet(amount: bigint): Promise<{ words: string[]; wallet: WorkerWallet }> {
        const words = await mnemonicNew(24);
        const wallet = await walletFromMnemonic(words, 'v4', 'mainnet');
        await fundFromFaucet(devnet.url, wallet.address.toString({ bounceable: false }), amount);
        return { words, wallet };
    }

    it('creates, funds, follows, reads, pays a worker through its intent, and closes a task for its refund', async () => {
        const owner = await fundedWallet(toNano('10'));
        const chain = tonClientClaimSender(owner.wallet, { endpoint: devnet.endpoint });

        // A mistyped input is refused before sending, and by the service when sent anyway.
        const refused = await requester(owner.words, ['create', '--module', 'hash-chain', '--input', '{"foo":1}', '--budget', '2']);
        expect([refused.code, refused.stdout]).toEqual([2, '']);
        expect(refused.stderr).toMatch(/^error: --input does not fit hash-chain: input\.\w+: .+\n$/);
        const api = GstdClient.withWallet({ serviceUrl, proofDomain: PROOF_DOMAIN }, owner.wallet);
        const serviceRefusal = await api.createTask({ operation: 'hash-chain', input: { foo: 1 }, budget: '1000000000', redundancy: 2, deadline: Math.floor(Date.now() / 1000) + 600 }).catch((e) => e);
        expect(hasCode(serviceRefusal, 'INPUT_SCHEMA_MISMATCH')).toBe(true);

        const created = await json<CreatedTask>(owner.words, [
            'create', '--module', 'hash-chain', '--input', '{"seed":5,"rounds":100}', '--budget', '2', '--redundancy', '2', '--deadline', '100s', '--min-trust', '0',
        ]);
        expect([created.status, created.budget, created.operation]).toEqual(['awaiting_escrow', BUDGET.toString(), 'hash-chain']);
        const taskId = created.task_id;

        const beforeFunding = await chain.balance();
        const funded = await json<TaskView>(owner.words, ['fund', taskId]);
        expect(funded.status).toBe('open');
        expect(beforeFunding - (await chain.balance())).toBeGreaterThanOrEqual(BUDGET);

        // Two workers decide the task through the API.
        const executor = await fundedWallet(toNano('1'));
        const workers = [executor.wallet, await walletFromMnemonic(await mnemonicNew(24), 'v4', 'mainnet')].map((wallet) =>
            GstdClient.withWallet({ serviceUrl, proofDomain: PROOF_DOMAIN }, wallet),
        );
        for (const [i, worker] of workers.entries()) {
            const device = await worker.registerDevice({ name: `worker-${i}`, capabilities: ['hash-chain'] });
            await worker.claimSlot(taskId, { device_id: device.id });
            await worker.submitResult(taskId, { device_id: device.id, output: { hash: 4242 } });
        }

        const followed = await requester(owner.words, ['status', taskId, '--follow']);
        expect([followed.code, followed.stderr]).toEqual([0, '']);
        expect(followed.stdout).toMatch(new RegExp(`^task ${taskId}: validated \\(hash-chain, `, 'm'));

        // The executor's intent, written by the CLI in the file claimReward reads, naming the executor.
        const intentPath = join(dataDir, 'intent.json');
        const written = await requester(executor.words, ['intent', taskId, '--out', intentPath]);
        expect([written.code, written.stderr]).toEqual([0, '']);
        const intent = readIntentFile(intentPath);
        expect(intent.executor!.equals(executor.wallet.address)).toBe(true);
        expect(intent.fields.taskId.toString()).toBe(taskId);
        expect(intent.fields.amount).toBe(BigInt(funded.reward_per_result));
        const file = JSON.parse(readFileSync(intentPath, 'utf8'));
        await sendTransaction(tonClientClaimSender(executor.wallet, { endpoint: devnet.endpoint }), {
            validUntil: file.valid_until,
            messages: [{ address: file.to_address, amount: file.amount, payload: file.payload }],
        });

        // The chain watch finds the claim; `results` shows who was paid.
        const until = Date.now() + 60_000;
        while (!(await api.outcome(taskId)).results.some((result) => result.paid) && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
        const outcome = await json<TaskResults>(owner.words, ['results', taskId]);
        expect(outcome.canonical_output).toEqual({ hash: 4242 });
        expect(outcome.results.map((r) => r.verdict)).toEqual(['valid', 'valid']);
        const paid = outcome.results.filter((r) => r.paid);
        expect(paid.map((r) => [r.wallet, r.paid!.amount])).toEqual([[executor.wallet.address.toRawString(), funded.reward_per_result]]);
        const text = await requester(owner.words, ['results', taskId]);
        expect(text.stdout).toContain(`canonical output: {"hash":4242}`);
        expect(text.stdout).toMatch(/paid \d+(\.\d+)? TON gross/);

        // Too early to close: one line with the service's code.
        const early = await requester(owner.words, ['close', taskId]);
        expect([early.code, early.stderr]).toEqual([1, expect.stringMatching(/^error: TASK_BEFORE_DEADLINE: .*\n$/)]);

        const waitMs = (created.deadline + 2) * 1000 - Date.now();
        if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
        const closed = await json<{ refund: string; balance_before: string; balance_after: string }>(owner.words, ['close', taskId]);
        // What the escrow held for results: the budget less the one claim it paid.
        expect(BigInt(closed.refund)).toBe(BUDGET - BigInt(funded.reward_per_result));
        const gained = BigInt(closed.balance_after) - BigInt(closed.balance_before);
        expect(gained).toBeGreaterThan(BigInt(closed.refund) - toNano('0.1'));
        expect(gained).toBeLessThanOrEqual(BigInt(closed.refund) + toNano('0.1'));
        expect((await api.escrow(taskId)).deployed).toBe(false);
        const again = await api.closeTransaction(taskId).then((tx: CloseTransaction) => tx, (e) => e);
        expect(again).toBeInstanceOf(Error);
    }, 240_000);
});
