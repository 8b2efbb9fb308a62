// The service as `npm start` runs it on a local setup: the devnet program in its own process, the service reaching
// it over HTTP through its toncenter chain adapter (CHAIN=toncenter), the global id read from the endpoint. A task
// goes from creation through on-chain funding and consensus to a claim the executor's wallet sends, which the
// service's chain poller then finds on its own.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address, toNano } from '@ton/core';
import { TonClient } from '@ton/ton';
import { FastifyInstance } from 'fastify';
import { SessionTokens } from '../../backend/src/auth/sessions';
import { loadConfig } from '../../backend/src/config';
import { loadSecrets } from '../../backend/src/secrets';
import { startServer } from '../../backend/src/server';
import { RunningDevnet, stopDevnet } from '../../devnet/devnetProcess';
import { startDevnetChild } from './devnetChild';
import { fundFromFaucet } from './devnetHttp';
import { localWallet } from './localWallet';

const POLL_MS = 200;

describe('the service against the devnet process', () => {
    let dataDir: string;
    let devnet: RunningDevnet;
    let app: FastifyInstance;

    beforeAll(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-service-devnet-'));
        const keys = loadSecrets(loadConfig({ GSTD_DATA_DIR: dataDir }));
        devnet = await startDevnetChild(join(dataDir, 'devnet'), keys.signingKey.publicKey);
        const config = loadConfig({
            GSTD_DATA_DIR: dataDir,
            HOST: '127.0.0.1',
            PORT: '0',
            LOG_LEVEL: 'silent',
            CHAIN: 'toncenter',
            TONCENTER_ENDPOINT: devnet.endpoint,
            ESCROW_MASTER_ADDRESS: devnet.info.master,
            SWEEP_INTERVAL_MS: '0',
            CHAIN_POLL_INTERVAL_MS: String(POLL_MS),
        });
        app = await startServer(config);
    });

    afterAll(async () => {
        await app?.close();
        if (devnet) await stopDevnet(devnet.child);
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('takes a task from creation to a claim it detects on chain by polling', async () => {
        const secrets = loadSecrets(loadConfig({ GSTD_DATA_DIR: dataDir }));
        const tokens = new SessionTokens(secrets.sessionSecret, 900, () => Math.floor(Date.now() / 1000));
        const session = async (wallet: Address) => (await tokens.issue(wallet)).token;
        async function api(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
            const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
            return { status: res.statusCode, body: res.json() };
        }

        const client = new TonClient({ endpoint: devnet.endpoint });
        const requester = await localWallet(client, 'v4r2');
        await fundFromFaucet(devnet.url, requester.address.toString({ bounceable: false }), toNano('10'));
        const requesterToken = await session(requester.address);
        const created = await api('POST', '/api/v1/tasks', requesterToken, {
            operation: 'hash',
            input: { text: 'over http' },
            budget: toNano('5').toString(),
            redundancy: 3,
            min_trust_score: 0,
            deadline: Math.floor(Date.now() / 1000) + 3600,
        });
        expect(created.status).toBe(201);
        await requester.sendTonConnect(created.body.funding_transaction);
        const taskId = created.body.task_id as string;
        const confirmed = await api('POST', `/api/v1/tasks/${taskId}/confirm-escrow`, requesterToken);
        expect([confirmed.status, confirmed.body.status]).toEqual([200, 'open']);

        const executor = await localWallet(client, 'v5r1');
        await fundFromFaucet(devnet.url, executor.address.toString({ bounceable: false }), toNano('1'));
        const others = await Promise.all([localWallet(client, 'v4r2'), localWallet(client, 'v4r2')]);
        const workers: { token: string; deviceId: string }[] = [];
        for (const [i, wallet] of [executor, ...others].entries()) {
            const token = await session(wallet.address);
            const device = await api('POST', '/api/v1/devices', token, { name: `worker-${i}`, capabilities: ['hash'] });
            expect(device.status).toBe(201);
            workers.push({ token, deviceId: device.body.id as string });
        }
        for (const w of workers) expect((await api('POST', `/api/v1/tasks/${taskId}/claim`, w.token, { device_id: w.deviceId })).status).toBe(200);
        for (const w of workers) {
            await api('POST', `/api/v1/tasks/${taskId}/results`, w.token, { device_id: w.deviceId, output: { digest: 'abc' } });
        }

        const askIntent = () =>
            api('POST', '/api/v1/payments/payout-intent', workers[0].token, { task_id: taskId, executor_address: executor.address.toString() });
        const intent = await askIntent();
        expect(intent.status).toBe(200);
        const before = await client.getBalance(executor.address);
        // The escrow takes the claim only if the intent was signed for the devnet's own global id.
        await executor.sendTonConnect(intent.body.transaction);
        expect(await client.getBalance(executor.address)).toBeGreaterThan(before);

        // Nothing tells the service about the claim: its poller finds it on the devnet, and then pays no more.
        let again = await askIntent();
        for (const until = Date.now() + 20 * POLL_MS * 10; again.status === 200 && Date.now() < until; again = await askIntent()) {
            await new Promise((r) => setTimeout(r, POLL_MS));
        }
        expect([again.status, again.body.error?.code]).toEqual([409, 'ALREADY_PAID']);
    });
});
