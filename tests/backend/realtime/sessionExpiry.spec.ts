// A WebSocket lives no longer than the session token it was opened with: the hub closes it with
// CLOSE_SESSION_EXPIRED when the token expires, and acts on no frame that arrives after that.
import { SessionTokens } from '../../../backend/src/auth/sessions';
import { CLOSE_SESSION_EXPIRED } from '../../../protocol';
import { storeSnapshot, Worker } from '../service/serviceSteps';
import { realtimeFixture, RealtimeFixture } from './realtimeFixture';
import { TestClient } from './wsClient';

describe('WebSocket sessions', () => {
    let f: RealtimeFixture;
    beforeEach(async () => (f = await realtimeFixture()));
    afterEach(async () => f.close());

    /** A session for the worker's wallet that lasts `seconds` from the service's current time. */
    async function shortSession(w: Worker, seconds: number): Promise<Worker> {
        const tokens = new SessionTokens(f.secrets.sessionSecret, seconds, f.now);
        return { ...w, token: (await tokens.issue(w.wallet.address)).token };
    }

    /** Waits until the service has forgotten the device's socket. */
    async function detached(w: Worker): Promise<void> {
        while (f.hub.connectionOf(w.deviceId)) await new Promise((resolve) => setTimeout(resolve, 20));
    }

    it('closes a socket with CLOSE_SESSION_EXPIRED when its token expires, and the token no longer opens one', async () => {
        const w = await shortSession(await f.worker('w1'), 2);
        const client = await f.connect(w);
        const openedAt = Date.now();
        f.advance(2);
        const closed = await client.waitClosed(5000);
        expect(closed.code).toBe(CLOSE_SESSION_EXPIRED);
        expect(Date.now() - openedAt).toBeGreaterThanOrEqual(1900);
        expect(f.hub.size).toBe(0);
        expect(f.hub.stats.sessionsExpired).toBe(1);
        await expect(TestClient.connect(`${f.url}?device_id=${w.deviceId}`, { authorization: `Bearer ${w.token}` })).rejects.toThrow(
            'upgrade refused: 401',
        );
    });

    it('acts on no claim sent after the token expired: the socket is closed and nothing is written', async () => {
        const w = await shortSession(await f.worker('w1'), 60);
        const task = await f.openTask();
        const client = await f.connect(w);
        await client.sync();
        f.advance(60);
        const before = await storeSnapshot(f);
        client.send({ type: 'claim', task_id: task.task_id, request_id: 'late-claim' });
        expect((await client.waitClosed()).code).toBe(CLOSE_SESSION_EXPIRED);
        await detached(w);
        expect(client.frames.filter((frame) => frame.request_id === 'late-claim')).toEqual([]);
        expect(await storeSnapshot(f)).toEqual(before);
    });

    it('acts on no result sent after the token expired, and costs the slot holder no disconnect', async () => {
        const w = await shortSession(await f.worker('w1'), 60);
        const task = await f.openTask();
        const client = await f.connect(w);
        client.send({ type: 'claim', task_id: task.task_id, request_id: 'claim' });
        expect(await client.next('claimed')).toMatchObject({ task_id: task.task_id, request_id: 'claim' });
        f.advance(60);
        const before = await storeSnapshot(f);
        client.send({ type: 'result', task_id: task.task_id, output: { digest: 'abc' }, request_id: 'late-result' });
        expect((await client.waitClosed()).code).toBe(CLOSE_SESSION_EXPIRED);
        await detached(w);
        // The server's own close handler has run by the time a fresh socket of the device is attached.
        const again = await f.connect(await shortSession(w, 60));
        await again.sync();
        expect(client.frames.filter((frame) => frame.request_id === 'late-result')).toEqual([]);
        expect(await storeSnapshot(f)).toEqual(before);
    });

    it('a frame before the expiry is still answered', async () => {
        const w = await shortSession(await f.worker('w1'), 60);
        const client = await f.connect(w);
        f.advance(59);
        await client.sync();
        expect(client.closed).toBeUndefined();
    });
});
