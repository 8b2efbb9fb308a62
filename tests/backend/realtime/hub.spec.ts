// The WebSocket hub against real `ws` clients on a listening server: authentication at the upgrade, one socket
// per device, offers only to eligible devices (live and by replay), claims and results over the socket.
import { WebSocket } from 'ws';
import { initialTrust, trustScore } from '../../../backend/src/domain';
import { CLOSE_REPLACED } from '../../../protocol';
import { realtimeFixture, RealtimeFixture } from './realtimeFixture';
import { TestClient } from './wsClient';

const FRESH = trustScore(initialTrust());

describe('WebSocket hub', () => {
    let f: RealtimeFixture;
    beforeEach(async () => (f = await realtimeFixture()));
    afterEach(async () => f.close());

    async function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<string> {
        return TestClient.connect(url, headers).then(
            () => 'connected',
            (err: Error) => err.message,
        );
    }

    it('authenticates at the upgrade: no token, a forged one or another wallet’s device get an HTTP error', async () => {
        const w = await f.worker('w1');
        const other = await f.worker('w2');
        expect(await refusedStatus(`${f.url}?device_id=${w.deviceId}`)).toBe('upgrade refused: 401');
        expect(await refusedStatus(`${f.url}?device_id=${w.deviceId}&token=${w.token}x`)).toBe('upgrade refused: 401');
        expect(await refusedStatus(`${f.url}?device_id=${w.deviceId}`, { authorization: `Bearer ${other.token}` })).toBe('upgrade refused: 404');
        expect(await refusedStatus(`${f.url}?device_id=not-a-uuid`, { authorization: `Bearer ${w.token}` })).toBe('upgrade refused: 404');
        // A browser passes the token in the query.
        const browser = await TestClient.connect(`${f.url}?device_id=${w.deviceId}&token=${w.token}`);
        browser.close();
    });

    it('keeps one live socket per device: a new one replaces the old', async () => {
        const w = await f.worker('w1');
        const first = await f.connect(w);
        const second = await f.connect(w);
        expect((await first.waitClosed()).code).toBe(CLOSE_REPLACED);
        await second.sync();
        expect(f.hub.size).toBe(1);
    });

    it('offers a task only to devices whose current trust meets its minimum, live and by replay', async () => {
        const trusted = await f.worker('trusted');
        const fresh = await f.worker('fresh');
        // Trust earned the way the service grants it: one valid result in a validated task.
        await runValidatedTask([trusted, await f.worker('x'), await f.worker('y')]);
        const trustedScore = (await f.api('GET', `/api/v1/devices/${trusted.deviceId}`, trusted.token)).body.trust.score;
        expect(trustedScore).toBeGreaterThan(0.3);

        const [t, u] = [await f.connect(trusted), await f.connect(fresh)];
        const task = await f.openTask({ min_trust_score: 0.3 });
        const offer = await t.next('offer');
        expect(offer.task).toMatchObject({ task_id: task.task_id, min_trust_score: 0.3 });
        // Encoded once for the whole fan-out, still a text message like every other frame.
        expect(t.binaryMessages).toBe(0);
        await u.sync();
        expect(u.offers()).toEqual([]);

        u.send({ type: 'replay', since: 0 });
        expect(await u.next('replayed')).toMatchObject({ count: 0 });
        expect(u.offers()).toEqual([]);
        t.send({ type: 'replay', since: 0 });
        expect(await t.next('replayed')).toMatchObject({ count: 1, last_seq: offer.seq });
        expect((await t.next('offer')).task.task_id).toBe(task.task_id);
    });

    it('a device that becomes eligible starts receiving offers, and is told its new trust as it changes', async () => {
        const [a, b, c] = [await f.worker('a'), await f.worker('b'), await f.worker('c')];
        const clients = [await f.connect(a), await f.connect(b), await f.connect(c)];
        const strict = await f.openTask({ min_trust_score: FRESH + 0.2 });
        await clients[0].sync();
        expect(clients[0].offers().filter((o) => o.task.task_id === strict.task_id)).toEqual([]);

        const easy = await f.openTask();
        for (const client of clients) {
            const offer = await client.next('offer');
            expect(offer.task.task_id).toBe(easy.task_id);
            client.send({ type: 'claim', task_id: easy.task_id });
            expect(await client.next('claimed')).toMatchObject({ task_id: easy.task_id });
        }
        for (const client of clients) client.send({ type: 'result', task_id: easy.task_id, output: { v: 1 } });
        for (const client of clients) expect((await client.next('result_accepted')).task_id).toBe(easy.task_id);
        const trust = await clients[0].next('trust');
        expect(trust.trust.score).toBeGreaterThan(FRESH + 0.2);

        const later = await f.openTask({ min_trust_score: FRESH + 0.2 });
        expect((await clients[0].next('offer')).task.task_id).toBe(later.task_id);
        // And the task it could not see before is now in its replay.
        clients[0].send({ type: 'replay', since: 0 });
        await clients[0].next('replayed');
        expect(clients[0].offers().map((o) => o.task.task_id)).toContain(strict.task_id);
    });

    it('claims over the socket follow the HTTP rules', async () => {
        const w = await f.worker('w1', ['sieve']);
        const client = await f.connect(w);
        const task = await f.openTask();
        client.send({ type: 'claim', task_id: task.task_id, request_id: 'r1' });
        expect(await client.next('error')).toMatchObject({ code: 'MISSING_CAPABILITY', request_id: 'r1' });
        const capable = await f.worker('w2');
        const c2 = await f.connect(capable);
        c2.send({ type: 'claim', task_id: task.task_id });
        await c2.next('claimed');
        c2.send({ type: 'claim', task_id: task.task_id, request_id: 'again' });
        expect(await c2.next('error')).toMatchObject({ code: 'ALREADY_ASSIGNED', request_id: 'again' });
        c2.send({ type: 'result', task_id: '999', output: 1 });
        expect(await c2.next('result_rejected')).toMatchObject({ code: 'TASK_NOT_FOUND' });
    });

    it('answers malformed frames with error frames and keeps the socket', async () => {
        const w = await f.worker('w1');
        const client = await f.connect(w);
        const bad: unknown[] = [
            'not json',
            '{"type":"nope"}',
            { type: 'claim' },
            { type: 'claim', task_id: '1', extra: true },
            { type: 'claim', task_id: -1 },
            { type: 'replay', since: 'yesterday' },
            '[]',
            'null',
        ];
        for (const frame of bad) {
            client.send(frame);
            expect(await client.next('error')).toMatchObject({ code: 'BAD_FRAME' });
        }
        client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
        expect(await client.next('error')).toMatchObject({ code: 'BAD_FRAME', message: 'frames are JSON text' });
        await client.sync();
    });

    it('closes a socket that sends a frame above maxPayload, and the server carries on', async () => {
        const w = await f.worker('w1');
        const client = await f.connect(w);
        client.send({ type: 'result', task_id: '1', output: 'x'.repeat(f.config.wsMaxPayloadBytes) });
        expect((await client.waitClosed()).code).toBe(1009);
        const again = await f.connect(w);
        await again.sync();
    });

    async function runValidatedTask(workers: Array<{ token: string; deviceId: string }>): Promise<void> {
        const task = await f.openTask();
        for (const w of workers) expect((await f.claim(w, task.task_id)).status).toBe(200);
        for (const w of workers) await f.submit(w, task.task_id, { v: 1 });
    }
});

describe('WebSocket liveness', () => {
    it('terminates a socket that stops answering pings', async () => {
        const f = await realtimeFixture({ WS_PING_INTERVAL_MS: '150' });
        try {
            const w = await f.worker('w1');
            const client = await f.connect(w);
            const alive = await f.connect(await f.worker('w2'));
            // A paused socket reads nothing, so it never answers a ping.
            (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
            const deadline = Date.now() + 5000;
            while (f.hub.stats.terminatedSilent === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
            expect(f.hub.stats.terminatedSilent).toBe(1);
            expect(f.hub.connectionOf(w.deviceId)).toBeUndefined();
            await alive.sync();
        } finally {
            await f.close();
        }
    });

    it('drops a reader that stops reading once its unsent data passes the cap', async () => {
        const f = await realtimeFixture({ WS_MAX_BUFFERED_BYTES: '65536' });
        try {
            const w = await f.worker('w1');
            const client = await f.connect(w);
            (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
            const connection = f.hub.connectionOf(w.deviceId)!;
            const big = JSON.stringify({ type: 'heartbeat', now_ms: 0, request_id: 'x'.repeat(60_000) });
            // Kernel buffers take the first megabytes; after that the server holds the data, up to the cap.
            for (let i = 0; i < 2000 && f.hub.connectionOf(w.deviceId); i++) {
                f.hub.send(connection, big);
                await new Promise((r) => setImmediate(r));
            }
            expect(f.hub.stats.droppedSlowReaders).toBe(1);
            expect(f.hub.connectionOf(w.deviceId)).toBeUndefined();
            expect(connection.socket.readyState).not.toBe(WebSocket.OPEN);
        } finally {
            await f.close();
        }
    });
});
