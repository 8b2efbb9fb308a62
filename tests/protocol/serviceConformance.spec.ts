// The protocol describes what the service really says: one flow through the service (login, devices, a module, a
// task from creation to payment) with every HTTP answer and every WebSocket frame checked against protocol/.
import { keyPairFromSeed } from '@ton/crypto';
import { WebSocket } from 'ws';
import {
    ChallengeAnswer,
    ClaimedTask,
    CreatedTask,
    DeviceList,
    DeviceView,
    ErrorBody,
    Health,
    NotReady,
    OfferList,
    PayoutList,
    PayoutIntent,
    Ready,
    ResultReceipt,
    ServerFrame,
    SessionGrant,
    SessionInfo,
    StoredModule,
    TaskList,
    TaskView,
    TonProofRequest,
} from '../../protocol';
import { watchChainOnce } from '../../backend/src/service/background';
import { signTonProof } from '../../client/tonProof';
import { walletFromKeys } from '../../client/wallet';
import { realtimeFixture, RealtimeFixture } from '../backend/realtime/realtimeFixture';
import { TestClient } from '../backend/realtime/wsClient';
import { expectConforms } from './conforms';
import { sqliteOf } from '../helpers/sqliteOf';

/** The smallest WebAssembly binary: the header alone. */
const EMPTY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

describe('the service answers as protocol/ says', () => {
    let f: RealtimeFixture;
    beforeEach(async () => (f = await realtimeFixture()));
    afterEach(async () => f.close());

    /** Connects a device and records every frame it receives from the welcome on. */
    async function recording(w: { token: string; deviceId: string }): Promise<{ client: TestClient; frames: unknown[] }> {
        const frames: unknown[] = [];
        const socket = new WebSocket(`${f.url}?device_id=${w.deviceId}`, { headers: { authorization: `Bearer ${w.token}` } });
        socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
        await new Promise((resolve) => socket.once('message', resolve));
        socket.terminate();
        const client = await f.connect(w);
        client.socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
        return { client, frames };
    }

    it('login: the challenge, a worker-signed proof, the session', async () => {
        const challenge = await f.api('POST', '/api/v1/auth/challenge');
        expect(challenge.status).toBe(200);
        expectConforms(ChallengeAnswer, challenge.body);

        const wallet = walletFromKeys(keyPairFromSeed(Buffer.alloc(32, 5)), 'v5r1', 'testnet');
        const proof = signTonProof(wallet, { payload: challenge.body.payload, domain: f.config.tonProofDomains[0], timestamp: f.now() });
        expectConforms(TonProofRequest, proof);
        const grant = await f.api('POST', '/api/v1/auth/verify', undefined, proof);
        expect(grant.status).toBe(200);
        expectConforms(SessionGrant, grant.body);

        const session = await f.api('GET', '/api/v1/auth/session', grant.body.token);
        expect(session.status).toBe(200);
        expectConforms(SessionInfo, session.body);

        const refused = await f.api('GET', '/api/v1/auth/session', 'not-a-token');
        expect(refused.status).toBe(401);
        expectConforms(ErrorBody, refused.body);
    });

    it('the probes: liveness, and readiness up and down', async () => {
        expectConforms(Health, (await f.api('GET', '/health')).body);
        const ready = await f.api('GET', '/ready');
        expect(ready.status).toBe(200);
        expectConforms(Ready, ready.body);
        sqliteOf(f.ctx).close();
        const notReady = await f.api('GET', '/ready');
        expect(notReady.status).toBe(503);
        expectConforms(NotReady, notReady.body);
    });

    it('devices and modules', async () => {
        const w = await f.worker('ada');
        const registered = await f.api('POST', '/api/v1/devices', w.token, { name: 'ada-laptop', capabilities: ['hash', 'wasm'] });
        expect(registered.status).toBe(201);
        expectConforms(DeviceView, registered.body);
        expectConforms(DeviceList, (await f.api('GET', '/api/v1/devices', w.token)).body);
        expectConforms(DeviceView, (await f.api('GET', `/api/v1/devices/${w.deviceId}`, w.token)).body);

        const stored = await f.api('POST', '/api/v1/modules', w.token, { wasm_base64: EMPTY_WASM.toString('base64') });
        expect(stored.status).toBe(201);
        expectConforms(StoredModule, stored.body);
        const refused = await f.api('POST', '/api/v1/modules', w.token, { wasm_base64: 'AAAAAAAAAAAAAAAA' });
        expect(refused.status).toBe(400);
        expectConforms(ErrorBody, refused.body);
    });

    it('a task from creation to payment, over HTTP and WebSocket', async () => {
        const workers = [await f.worker('a'), await f.worker('b'), await f.worker('liar')];
        const devices = [] as Array<{ client: TestClient; frames: unknown[] }>;
        for (const w of workers) devices.push(await recording(w));

        const created = await f.createTask();
        expect(created.status).toBe(201);
        expectConforms(CreatedTask, created.body);
        await f.sendFrom(f.requester, created.body.funding_transaction);
        const confirmed = await f.api('POST', `/api/v1/tasks/${created.body.task_id}/confirm-escrow`, f.requesterToken);
        expectConforms(TaskView, confirmed.body);
        const taskId: string = confirmed.body.task_id;
        expectConforms(TaskList, (await f.api('GET', '/api/v1/tasks', f.requesterToken)).body);
        await f.createTask();
        const firstPage = await f.api('GET', '/api/v1/tasks?limit=1', f.requesterToken);
        expect(firstPage.body.next_cursor).toEqual(expect.any(String));
        expectConforms(TaskList, firstPage.body);
        const lastPage = await f.api('GET', `/api/v1/tasks?limit=1&cursor=${firstPage.body.next_cursor}`, f.requesterToken);
        expect(lastPage.body.next_cursor).toBeNull();
        expectConforms(TaskList, lastPage.body);
        const badCursor = await f.api('GET', '/api/v1/tasks?cursor=nonsense', f.requesterToken);
        expect(badCursor.status).toBe(400);
        expectConforms(ErrorBody, badCursor.body);
        expectConforms(TaskView, (await f.api('GET', `/api/v1/tasks/${taskId}`, f.requesterToken)).body);
        for (const d of devices) await d.client.next('offer');
        const offers = await f.api('GET', `/api/v1/offers?device_id=${workers[0].deviceId}`, workers[0].token);
        expect(offers.body.offers).toHaveLength(1);
        expectConforms(OfferList, offers.body);

        const claimed = await f.claim(workers[0], taskId);
        expect(claimed.status).toBe(200);
        expectConforms(ClaimedTask, claimed.body);
        for (const d of devices.slice(1)) {
            d.client.send({ type: 'claim', task_id: taskId });
            await d.client.next('claimed');
        }

        const first = await f.submit(workers[0], taskId, { h: 'right' });
        expectConforms(ResultReceipt, first.body);
        devices[2].client.send({ type: 'result', task_id: taskId, output: { h: 'wrong' } });
        await devices[2].client.next('result_accepted');
        devices[1].client.send({ type: 'result', task_id: taskId, output: { h: 'right' } });
        expect(await devices[1].client.next('result_accepted')).toMatchObject({ payout_ready: true });
        devices[1].client.send({ type: 'result', task_id: '12345', output: 1 });
        await devices[1].client.next('result_rejected');
        await devices[0].client.next('payout_ready');

        const payouts = await f.api('GET', '/api/v1/payouts?limit=1', workers[0].token);
        expect(payouts.body.payouts).toHaveLength(1);
        expectConforms(PayoutList, payouts.body);

        const intent = await f.intent(workers[0], taskId);
        expect(intent.status).toBe(200);
        expectConforms(PayoutIntent, intent.body);
        await f.sendFrom(workers[0].wallet, intent.body.transaction);
        expect((await watchChainOnce(f.ctx)).claimsSeen).toBe(1);
        await devices[0].client.next('payout_paid');
        const refused = await f.intent(workers[2], taskId);
        expect(refused.status).toBeGreaterThanOrEqual(400);
        expectConforms(ErrorBody, refused.body);

        devices[0].client.send({ type: 'replay', since: 0 });
        await devices[0].client.next('replayed');
        devices[0].client.send('not json');
        await devices[0].client.next('error');
        for (const d of devices) await d.client.sync();

        const frames = devices.flatMap((d) => d.frames);
        for (const frame of frames) expectConforms(ServerFrame, frame);
        const types = new Set(frames.map((frame) => (frame as { type: string }).type));
        expect([...types].sort()).toEqual(ServerFrame.anyOf.map((variant) => variant.properties.type.const).sort());
    });
});
