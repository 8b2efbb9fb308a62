// The browser worker engine against the real service (over a sandbox chain), with `ws` in the role of the page's
// WebSocket (the same API) and the Web Worker stood in for: it registers its device once, connects with the token in
// the query, claims an offer, runs the module, submits over the socket and follows the verdict; it asks the page to
// log in again when the session expires and carries on with the new token; stop closes the link.
import { Address } from '@ton/core';
import { WebSocket } from 'ws';
import { SessionTokens } from '../../../backend/src/auth/sessions';
import { browserModuleHost } from '../../../web/src/engine/browserModuleHost';
import { WebSocketLike } from '../../../web/src/engine/browserHubSocket';
import { BrowserWorkerEngine, BROWSER_CAPABILITIES } from '../../../web/src/engine/browserWorkerEngine';
import { DEVICE_NAME_KEY, KeyValueStore } from '../../../web/src/engine/deviceName';
import { EngineSnapshot } from '../../../web/src/engine/engineApi';
import { workerHarness, WorkerHarness } from '../client/workerHarness';
import { inThreadWorker } from './inThreadWorker';

const FAST = { heartbeatMs: 1_000, stableAfterMs: 500, requestTimeoutMs: 5_000, backoff: { baseMs: 20, capMs: 200 }, verdictPollMs: 100 };

function memoryStore(): KeyValueStore & { values: Map<string, string> } {
    const values = new Map<string, string>();
    return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe('browser worker engine against the service', () => {
    let h: WorkerHarness;
    const engines: BrowserWorkerEngine[] = [];
    const wallet = Address.parse('0:' + 'b1'.repeat(32));
    const otherWallet = Address.parse('0:' + 'c2'.repeat(32));

    beforeEach(async () => (h = await workerHarness()));
    afterEach(async () => {
        await Promise.all(engines.splice(0).map((engine) => engine.stop()));
        await h.close();
    });

    function newEngine(storage = memoryStore()) {
        const engine = new BrowserWorkerEngine({
            serviceUrl: `http://127.0.0.1:${h.f.port}`,
            openWebSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
            moduleHost: browserModuleHost(() => inThreadWorker()),
            storage,
            timing: FAST,
        });
        engines.push(engine);
        const snapshots: EngineSnapshot[] = [];
        engine.subscribe((snapshot) => snapshots.push(snapshot));
        const until = async (predicate: (snapshot: EngineSnapshot) => boolean, timeoutMs = 20_000) => {
            const giveUpAt = Date.now() + timeoutMs;
            while (!predicate(snapshots[snapshots.length - 1])) {
                if (Date.now() > giveUpAt) throw new Error(`not reached within ${timeoutMs} ms; last snapshot: ${String(JSON.stringify(snapshots.at(-1), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))}`);
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            return snapshots[snapshots.length - 1];
        };
        return { engine, snapshots, until, storage };
    }

    it('two browsers register as devices, run an offered task in their Web Workers, submit over the socket and count it valid', async () => {
        const sha256 = await h.uploadModule('hash-chain');
        const { engine, until, storage } = newEngine();
        const other = newEngine();
        await engine.start(await h.f.sessionOf(wallet));
        await other.engine.start(await h.f.sessionOf(otherWallet));
        const running = await until((s) => s.state === 'running');
        await other.until((s) => s.state === 'running');
        expect(running.deviceId).toEqual(expect.any(String));
        expect(storage.values.get(DEVICE_NAME_KEY)).toMatch(/^browser-[0-9a-f]{8}$/);

        const task = await h.openTask({ operation: 'hash-chain', input: { seed: 1, rounds: 1000 }, module_sha256: sha256, redundancy: 2 });
        for (const { until: reaches } of [{ until }, other]) {
            const after = await reaches((s) => s.valid >= 1);
            expect(after).toMatchObject({ state: 'running', invalid: 0, failed: 0, activeTasks: [] });
            expect(after.done).toBeGreaterThanOrEqual(1);
            expect(after.earnings).toBeGreaterThanOrEqual(BigInt(task.reward_per_result));
            expect(after.trust?.score).toEqual(expect.any(Number));
        }

        const decided = await h.f.api('GET', `/api/v1/tasks/${task.task_id}`, await h.f.sessionOf(wallet));
        expect(decided.body).toMatchObject({ status: 'validated' });
        const devices = await h.f.api('GET', '/api/v1/devices', await h.f.sessionOf(wallet));
        expect(devices.body.devices).toEqual([expect.objectContaining({ id: running.deviceId, capabilities: [...BROWSER_CAPABILITIES] })]);
    });

    it('a reload reuses the stored device rather than registering another; stop closes the link', async () => {
        const storage = memoryStore();
        const first = newEngine(storage);
        await first.engine.start(await h.f.sessionOf(wallet));
        const { deviceId } = await first.until((s) => s.state === 'running');
        await first.engine.stop();
        expect(first.snapshots.at(-1)).toMatchObject({ state: 'stopped', activeTasks: [] });
        while (h.f.hub.connectionOf(deviceId!)) await new Promise((resolve) => setTimeout(resolve, 20));

        const reloaded = newEngine(storage);
        await reloaded.engine.start(await h.f.sessionOf(wallet));
        expect(await reloaded.until((s) => s.state === 'running')).toMatchObject({ deviceId });
        expect((await h.f.api('GET', '/api/v1/devices', await h.f.sessionOf(wallet))).body.devices).toHaveLength(1);
    });

    it('when the session expires it asks the page to log in again, then reconnects with the new token and carries on', async () => {
        const shortLived = new SessionTokens(h.f.secrets.sessionSecret, 60, h.f.now);
        const { engine, until, snapshots } = newEngine();
        await engine.start((await shortLived.issue(wallet)).token);
        const { deviceId } = await until((s) => s.state === 'running');

        h.f.advance(60);
        expect(await until((s) => s.needsLogin === true)).toMatchObject({ problem: expect.stringMatching(/log in again/) });
        const renewedAt = snapshots.length;
        await engine.start(await h.f.sessionOf(wallet));
        // The hub closed the expired socket (4002); the engine reconnects with the new token, in the query.
        await until(() => snapshots.slice(renewedAt).some((s) => s.state === 'reconnecting' && /4002/.test(s.problem ?? '')));
        await until((s) => s.state === 'running' && s.needsLogin === undefined);
        expect(h.f.hub.connectionOf(deviceId!)).toBeDefined();

        const sha256 = await h.uploadModule('prime-sieve');
        await h.openTask({ operation: 'prime-sieve', input: { limit: 1000 }, module_sha256: sha256, redundancy: 2 });
        expect(await until((s) => s.done >= 1)).toMatchObject({ state: 'running', failed: 0 });
    });

    it('a session the service refuses at start leaves the engine failed with the reason, without throwing', async () => {
        const { engine, snapshots } = newEngine();
        await engine.start('not-a-token');
        expect(snapshots.at(-1)).toMatchObject({ state: 'failed', problem: 'the service refused the session; log in again' });
        expect(snapshots.some((s) => s.needsLogin)).toBe(false);
    });
});
