// Two nodes of one service on one PostgreSQL and one Redis, each with its own WebSocket hub: a device hears what
// concerns it on whichever node it is connected to, live. Offers are dispatched by one node's queue consumer and
// reach devices on both; a trust change decided on one node filters offers on the other; payout-ready notices
// reach the device on the other node.
import { AddressInfo } from 'net';
import { FastifyInstance } from 'fastify';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { claimAll, workers } from '../service/serviceSteps';
import { freshPostgresDatabase, stopTestPostgres } from '../../helpers/testStore';
import { RedisServer, startRedisServer } from '../queue/redisServer';
import { TestClient } from './wsClient';

describe('real time across two nodes', () => {
    let redis: RedisServer;
    let f: ServiceFixture;
    let b: Awaited<ReturnType<ServiceFixture['anotherNode']>>;
    const clients: TestClient[] = [];

    beforeAll(async () => {
        redis = await startRedisServer();
    });
    beforeEach(async () => {
        f = await serviceFixture({ DATABASE_URL: await freshPostgresDatabase(), REDIS_URL: redis.url });
        b = await f.anotherNode();
        for (const app of [f.app, b.app]) await app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterEach(async () => {
        for (const c of clients.splice(0)) c.close();
        await b.close();
        await f.close();
    });
    afterAll(async () => {
        await redis?.stop();
        await stopTestPostgres();
    }, 60_000);

    async function connectTo(app: FastifyInstance, w: { token: string; deviceId: string }): Promise<TestClient> {
        const { port } = app.server.address() as AddressInfo;
        const client = await TestClient.connect(`ws://127.0.0.1:${port}/ws?device_id=${w.deviceId}`, { authorization: `Bearer ${w.token}` });
        clients.push(client);
        return client;
    }

    it('offers every opening live to devices on both nodes, whichever node dispatched it', async () => {
        const [onA, onB] = await workers(f, ['on-a', 'on-b']);
        const [a, bClient] = [await connectTo(f.app, onA), await connectTo(b.app, onB)];
        const opened = [];
        for (let i = 0; i < 4; i++) opened.push((await f.openTask({ input: { text: `task ${i}` } })).task_id);
        for (const client of [a, bClient]) {
            const offered = [];
            for (let i = 0; i < opened.length; i++) offered.push((await client.next('offer', 10_000)).task.task_id);
            expect(offered.sort()).toEqual([...opened].sort());
        }
        // Each opening was logged once, whichever node's consumer took it.
        expect(await f.ctx.store.one('SELECT COUNT(*) AS n FROM offers')).toEqual({ n: opened.length });
    });

    it('tells a device on the other node its trust and its payout as they are decided', async () => {
        const ws = await workers(f, ['x', 'y', 'z']);
        const remote = await connectTo(b.app, ws[2]);
        const task = await f.openTask();
        await claimAll(f, ws, task.task_id);
        // All three results go to the fixture's node; the device listens on the other one.
        for (const w of ws) await f.submit(w, task.task_id, { digest: 'x' });
        const ready = await remote.next('payout_ready', 10_000);
        expect(ready).toMatchObject({ task_id: task.task_id, device_id: ws[2].deviceId, amount: task.reward_per_result });
        const trust = await remote.next('trust', 10_000);
        expect(trust.trust.accuracy_alpha).toBeGreaterThan(1);
    });

    it('filters offers on one node by a trust change decided on the other', async () => {
        const [liar, h1, h2, veteran] = await workers(f, ['liar', 'h1', 'h2', 'veteran']);
        const listening = await connectTo(b.app, liar);
        const before = (await f.api('GET', `/api/v1/devices/${liar.deviceId}`, liar.token)).body.trust.score as number;
        // The liar loses a decision on node A: its score drops, and node B hears of it.
        const task = await f.openTask({ min_trust_score: 0 });
        await listening.next('offer', 10_000);
        await claimAll(f, [liar, h1, h2], task.task_id);
        await f.submit(liar, task.task_id, { digest: 'wrong' });
        await f.submit(h1, task.task_id, { digest: 'right' });
        await f.submit(h2, task.task_id, { digest: 'right' });
        const lowered = (await listening.next('trust', 10_000)).trust.score as number;
        expect(lowered).toBeLessThan(before);
        // A task whose minimum lies between the old and the new score is offered to others, not to the liar.
        const veteranClient = await connectTo(f.app, veteran);
        const picky = await f.openTask({ min_trust_score: Number(((lowered + before) / 2).toFixed(6)), input: { text: 'picky' } });
        expect((await veteranClient.next('offer', 10_000)).task.task_id).toBe(picky.task_id);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(listening.frames.filter((frame) => frame.type === 'offer' && frame.task.task_id === picky.task_id)).toEqual([]);
    });
});
