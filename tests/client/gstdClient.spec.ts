// GstdClient against the real service on a real port (sandbox chain): a requester and two workers use nothing but
// the library — wallet login, module upload, task pages, funding from the wallet, the hub's frames, results,
// outcome, payouts and intents — and every refusal arrives as a ServiceError with the service's code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toNano } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { GstdClient, GstdClientOptions, HubConnection, openNodeHubSocket, sendTransaction, ServiceError, TaskView } from '../../client';
import { realtimeFixture, RealtimeFixture } from '../backend/realtime/realtimeFixture';
import { sandboxClaimSender } from '../worker/client/sandboxClaimSender';

const PROOF_DOMAIN = 'client.test';
const HASH_CHAIN = readFileSync(join(__dirname, '../../worker/modules/dist/hash-chain.wasm'));

let f: RealtimeFixture;
let options: GstdClientOptions;
const hubs: HubConnection[] = [];

beforeEach(async () => {
    f = await realtimeFixture({ TON_PROOF_DOMAINS: PROOF_DOMAIN });
    options = { serviceUrl: `http://127.0.0.1:${f.port}`, proofDomain: PROOF_DOMAIN, nowSeconds: f.now };
});

afterEach(async () => {
    await Promise.all(hubs.splice(0).map((hub) => hub.stop()));
    await f.close();
});

async function newClient(): Promise<GstdClient> {
    return GstdClient.withMnemonic(options, (await mnemonicNew(24)).join(' '), 'v4', 'mainnet');
}

function refusal(promise: Promise<unknown>): Promise<ServiceError> {
    return promise.then(
        () => {
            throw new Error('expected a refusal');
        },
        (error: unknown) => {
            if (!(error instanceof ServiceError)) throw error;
            return error;
        },
    );
}

async function until(condition: () => boolean, what: string): Promise<void> {
    const giveUpAt = Date.now() + 10_000;
    while (!condition()) {
        if (Date.now() > giveUpAt) throw new Error(`${what} did not happen`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

describe('GstdClient', () => {
    it('logs in with a mnemonic, uploads a module and walks its tasks page by page', async () => {
        const requester = await newClient();
        const token = await requester.login();
        expect((await requester.sessionInfo()).address).toBe(requester.wallet!.address.toRawString());
        const { sha256 } = await requester.uploadModule(HASH_CHAIN);
        const deadline = f.now() + 3600;
        const ids: string[] = [];
        for (let seed = 0; seed < 3; seed++) {
            const created = await requester.createTask({ operation: 'hash-chain', input: { seed, rounds: 10 }, module_sha256: sha256, budget: toNano('1').toString(), redundancy: 2, deadline });
            expect(created.funding_transaction.messages).toHaveLength(1);
            ids.push(created.task_id);
        }
        const walked: string[] = [];
        for await (const task of requester.eachTask('2')) walked.push(task.task_id);
        expect(walked.sort()).toEqual([...ids].sort());
        const firstPage = await requester.listTasks({ limit: '2' });
        expect([firstPage.tasks.length, typeof firstPage.next_cursor]).toEqual([2, 'string']);

        // The same session through a token; a forged token is refused for good.
        expect((await GstdClient.withToken(options, token).task(ids[0])).task_id).toBe(ids[0]);
        const forged = await refusal(GstdClient.withToken(options, `${token}x`).task(ids[0]));
        expect(forged.status).toBe(401);
    });

    it('refuses with the service codes: a bad input, an unknown task, a close before the deadline', async () => {
        const requester = await newClient();
        const bad = await refusal(requester.createTask({ operation: 'hash-chain', input: { foo: 1 }, budget: '1000000000', redundancy: 2, deadline: f.now() + 3600 }));
        expect([bad.status, bad.code, bad.transient]).toEqual([400, 'INPUT_SCHEMA_MISMATCH', false]);
        expect(bad.message).toMatch(/input\.\w+/);
        const missing = await refusal(requester.task('12345'));
        expect([missing.status, missing.code]).toEqual([404, 'TASK_NOT_FOUND']);
        const created = await requester.createTask({ operation: 'hash', input: { text: 'x' }, budget: '1000000000', redundancy: 2, deadline: f.now() + 3600 });
        const early = await refusal(requester.closeTransaction(created.task_id));
        expect(early.code).toBe('TASK_BEFORE_DEADLINE');
    });

    it('funds a task from the wallet; workers hear the offer on the hub, decide it, and get their payout intents', async () => {
        const requester = await newClient();
        const bank = await f.blockchain.treasury('bank');
        await bank.send({ to: requester.wallet!.address, value: toNano('20'), bounce: false });
        const { sha256 } = await requester.uploadModule(HASH_CHAIN);

        const workers = [await newClient(), await newClient()];
        const devices = [];
        const offers: TaskView[] = [];
        const ready: string[] = [];
        for (const [i, worker] of workers.entries()) {
            const device = await worker.registerDevice({ name: `worker-${i}`, capabilities: ['hash-chain'] });
            devices.push(device);
            const hub = worker.hub(device.id, { openSocket: openNodeHubSocket });
            hubs.push(hub);
            let connected = false;
            hub.on('connected', () => (connected = true));
            hub.on('offer', (task) => offers.push(task));
            hub.on('payoutReady', (taskId) => ready.push(taskId));
            hub.start();
            await until(() => connected, `worker ${i} connecting`);
        }

        const created = await requester.createTask({
            operation: 'hash-chain', input: { seed: 1, rounds: 5 }, module_sha256: sha256, budget: toNano('4').toString(), redundancy: 2, min_trust_score: 0, deadline: f.now() + 3600,
        });
        const taskId = created.task_id;
        await sendTransaction(sandboxClaimSender(f.blockchain, requester.wallet!, f.now), created.funding_transaction, f.now());
        expect((await requester.confirmEscrow(taskId)).status).toBe('open');
        expect(await requester.escrow(taskId)).toMatchObject({ deployed: true, remaining: toNano('4').toString() });
        await until(() => offers.filter((task) => task.task_id === taskId).length === 2, 'both offers');
        expect((await workers[0].offers({ device_id: devices[0].id })).offers.map((task) => task.task_id)).toContain(taskId);

        const receipts = [];
        for (const [i, worker] of workers.entries()) {
            const claimed = await worker.claimSlot(taskId, { device_id: devices[i].id });
            expect(claimed.device_id).toBe(devices[i].id);
            receipts.push(await worker.submitResult(taskId, { device_id: devices[i].id, output: { hash: 77 } }));
        }
        expect(receipts[1]).toMatchObject({ task_status: 'validated', verdict: 'valid', payout_ready: true });
        await until(() => ready.filter((id) => id === taskId).length >= 1, 'a payout_ready frame');

        const outcome = await requester.outcome(taskId);
        expect([outcome.status, outcome.canonical_output, outcome.results.map((r) => r.verdict)]).toEqual(['validated', { hash: 77 }, ['valid', 'valid']]);

        const payouts: string[] = [];
        for await (const payout of workers[0].eachPayout()) payouts.push(payout.task_id);
        expect(payouts).toEqual([taskId]);
        const intent = await workers[0].payoutIntent({ task_id: taskId, executor_address: workers[0].wallet!.address.toString() });
        expect([intent.to_address, intent.gross_amount]).toEqual([created.escrow_address, created.reward_per_result]);
        const stranger = await refusal(workers[1].payoutIntent({ task_id: taskId, executor_address: workers[0].wallet!.address.toString() }));
        expect(stranger.code).toBe('NOT_YOUR_WALLET');
    });
});
