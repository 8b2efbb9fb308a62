// What a long-running worker meets: sessions that expire (over HTTP and under its live socket), a service that
// restarts, a device name used before, and a login the service refuses for good.
import { randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildService } from '../../../backend/src/app';
import { CLOSE_SESSION_EXPIRED } from '../../../protocol';
import { eventsOf, workerHarness, WorkerHarness } from './workerHarness';

describe('WorkerClient robustness', () => {
    let h: WorkerHarness;
    afterEach(async () => h.close());

    it('renews an expired session: on a 401 over HTTP and when the hub refuses the reconnecting upgrade', async () => {
        h = await workerHarness({ SESSION_TTL_SECONDS: '60' });
        const { f } = h;
        const erin = await h.newWorker('erin');
        await erin.client.start();
        const first = await erin.client.api.session.token();

        f.advance(120);
        expect((await erin.client.api.devices()).map((d) => d.name)).toEqual(['erin-device']);
        const second = await erin.client.api.session.token();
        expect(second).not.toBe(first);

        f.advance(120);
        const { device_id } = await erin.client.summary();
        // Cut here, the socket's reconnect is refused with 401. Had a heartbeat come first, the hub closed the socket
        // for its expired session already; either way the worker logs in again.
        f.hub.connectionOf(device_id!)?.socket.terminate();
        await erin.until((events) => events.some((e) => e.type === 'connected' && e.reconnect));
        expect(await erin.client.api.session.token()).not.toBe(second);
    });

    it('logs in again and reconnects when the hub closes its socket for an expired session, then goes on working', async () => {
        h = await workerHarness({ SESSION_TTL_SECONDS: '60' });
        const { f } = h;
        const sha256 = await h.uploadModule('hash-chain');
        const hana = await h.newWorker('hana');
        await hana.client.start();
        const first = await hana.client.api.session.token();
        const { device_id } = await hana.client.summary();

        // The worker's next heartbeat reaches the hub after the token expired: the hub closes the socket.
        f.advance(60);
        await hana.until((events) => events.some((e) => e.type === 'connected' && e.reconnect));
        expect(eventsOf(hana.events, 'disconnected').map((e) => e.code)).toEqual([CLOSE_SESSION_EXPIRED]);
        expect(await hana.client.api.session.token()).not.toBe(first);
        expect(f.hub.connectionOf(device_id!)).toBeDefined();

        // The new socket, opened with the new session, takes offers and claims.
        const { task_id } = await h.openTask({ operation: 'hash-chain', module_sha256: sha256, input: { seed: 5, rounds: 50 }, redundancy: 2 });
        await hana.until((events) => events.some((e) => e.type === 'claimed' && e.task_id === task_id));
    });

    it('reconnects to a restarted service and goes on working', async () => {
        h = await workerHarness();
        const { f } = h;
        const sha256 = await h.uploadModule('hash-chain');
        const [carol, dan] = [await h.newWorker('carol', { maxTasks: 1 }), await h.newWorker('dan', { maxTasks: 1 })];
        await Promise.all([carol, dan].map((w) => w.client.start()));

        await f.app.close();
        await carol.until((events) => eventsOf(events, 'disconnected').length >= 2);
        const restarted = await buildService({ config: f.config, secrets: f.secrets, chain: f.chain, nowMs: () => f.now() * 1000 });
        try {
            await restarted.app.listen({ host: '127.0.0.1', port: f.port });
            for (const w of [carol, dan]) await w.until((events) => events.some((e) => e.type === 'connected' && e.reconnect));

            const { task_id } = await h.openTask({ operation: 'hash-chain', module_sha256: sha256, input: { seed: 3, rounds: 100 }, redundancy: 2 }, restarted.app);
            const paid = [carol, dan].map((w) => new Promise<void>((resolve) => w.client.once('done', resolve)));
            await Promise.all(paid);
            for (const w of [carol, dan]) {
                expect((await w.client.summary()).earnings.paid.map((p) => p.task_id)).toEqual([task_id]);
            }
        } finally {
            await Promise.all([carol, dan].map((w) => w.client.stop()));
            await restarted.app.close();
        }
    });

    it('after a restart from scratch (new session secret, empty store) logs in, registers its device and reconnects at once', async () => {
        h = await workerHarness();
        const { f } = h;
        // A cap far above the base, so a retry drawn from a grown backoff is told from one drawn after a reset.
        const timing = { heartbeatMs: 1_000, stableAfterMs: 500, requestTimeoutMs: 5_000, backoff: { baseMs: 20, capMs: 5_000 } };
        const ivan = await h.newWorker('ivan', { overrides: { timing } });
        await ivan.client.start();
        const first = (await ivan.client.summary()).device_id;

        await f.app.close();
        // Down long enough for the backoff to grow to its cap.
        await ivan.until((events) => eventsOf(events, 'disconnected').length >= 6);
        const config = { ...f.config, databaseFile: join(mkdtempSync(join(tmpdir(), 'gstd-fresh-')), 'gstd.sqlite') };
        const restarted = await buildService({ config, secrets: { ...f.secrets, sessionSecret: randomBytes(32) }, chain: f.chain, nowMs: () => f.now() * 1000 });
        try {
            await restarted.app.listen({ host: '127.0.0.1', port: f.port });
            await ivan.until((events) => events.some((e) => e.type === 'connected' && e.reconnect));

            const refused = eventsOf(ivan.events, 'disconnected').find((e) => e.reason.startsWith('refused: 401'));
            expect(refused).toBeDefined();
            // The backoff was reset for the retry after the 401: the wait is drawn below its base, not near its cap.
            expect(refused!.retry_in_ms).toBeLessThan(20);
            const devices = eventsOf(ivan.events, 'device');
            expect(devices[devices.length - 1]).toMatchObject({ reused: false, name: 'ivan-device' });
            expect(devices[devices.length - 1].device_id).not.toBe(first);
            expect(ivan.client.status()).toMatchObject({ connected: true, running: 0 });
        } finally {
            await ivan.client.stop();
            await restarted.app.close();
        }
    });

    it('reuses the device a wallet registered under the same name', async () => {
        h = await workerHarness();
        const first = await h.newWorker('frank');
        await first.client.start();
        await first.client.stop();
        const again = await h.newWorker('frank-again', { wallet: first.wallet, deviceName: 'frank-device' });
        await again.client.start();

        const [registered] = eventsOf(first.events, 'device');
        const [reused] = eventsOf(again.events, 'device');
        expect(registered).toMatchObject({ reused: false, name: 'frank-device' });
        expect(reused).toMatchObject({ reused: true, device_id: registered.device_id });
        expect(await again.client.api.devices()).toHaveLength(1);
    });

    it('stops with a clear error when the service refuses the proof’s domain', async () => {
        h = await workerHarness();
        const grace = await h.newWorker('grace', { overrides: { proofDomain: 'elsewhere.test' } });
        await expect(grace.client.start()).rejects.toThrow(/BAD_DOMAIN.*elsewhere\.test/);
    });
});
