// GET /ready: 200 while the store, the queue and the chain answer; 503 naming the one that does not, with a reason
// and the NOT_READY code, and 200 again once it is back. GET /health stays liveness: 200 throughout.
import { NotReady, Ready } from '../../../protocol';
import { checkReadiness } from '../../../backend/src/service/readiness';
import { expectConforms } from '../../protocol/conforms';
import { RedisServer, startRedisServer } from '../queue/redisServer';
import { waitUntil } from '../queue/waitUntil';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { CapturedService, httpService } from './httpService';
import { sqliteOf } from '../../helpers/sqliteOf';

const ALL_UP = { store: { status: 'up' }, queue: { status: 'up' }, chain: { status: 'up' } };

describe('readiness', () => {
    let f: ServiceFixture | undefined;
    let s: CapturedService | undefined;
    let redis: RedisServer | undefined;
    afterEach(async () => {
        await f?.close();
        await s?.app.close();
        await redis?.stop();
        [f, s, redis] = [undefined, undefined, undefined];
    });

    async function ready(app: { inject: ServiceFixture['app']['inject'] }) {
        const res = await app.inject({ method: 'GET', url: '/ready' });
        return { status: res.statusCode, body: res.json() };
    }

    it('is ready with the store, the in-process queue and a sandbox chain up', async () => {
        f = await serviceFixture();
        const answer = await ready(f.app);
        expect(answer).toEqual({ status: 200, body: { status: 'ready', checks: ALL_UP } });
        expectConforms(Ready, answer.body);
    });

    it('names the queue while its Redis is stopped, and is ready again once Redis is back', async () => {
        redis = await startRedisServer();
        const port = Number(new URL(redis.url).port);
        f = await serviceFixture({ REDIS_URL: redis.url });
        // Not ready until the queue's connection is up, a moment after start.
        await waitUntil(async () => (await ready(f!.app)).status === 200, '/ready answers 200');

        await redis.stop();
        await waitUntil(async () => (await ready(f!.app)).status === 503, '/ready answers 503');
        const down = await ready(f.app);
        expectConforms(NotReady, down.body);
        expect(down.body).toMatchObject({
            status: 'not_ready',
            checks: { store: { status: 'up' }, chain: { status: 'up' }, queue: { status: 'down', reason: expect.any(String) } },
            error: { code: 'NOT_READY', message: expect.stringContaining('queue') },
        });
        expect((await f.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);

        redis = await startRedisServer(port);
        await waitUntil(async () => (await ready(f!.app)).status === 200, '/ready answers 200 again', 20_000);
        expect((await ready(f.app)).body).toEqual({ status: 'ready', checks: ALL_UP });
    });

    it('names the chain when its read fails, and logs the cause but does not answer it', async () => {
        s = await httpService();
        const answer = await ready(s.app);
        expect(answer.status).toBe(503);
        expectConforms(NotReady, answer.body);
        expect(answer.body.checks).toEqual({ ...ALL_UP, chain: { status: 'down', reason: 'the chain did not answer a read' } });
        expect(answer.body.error.message).toBe('not ready: chain (the chain did not answer a read)');
        expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.1/);
        const warning = s.logLines().find((line) => line.msg === 'not ready');
        expect(warning).toMatchObject({ check: 'chain', err: { message: expect.stringContaining('ECONNREFUSED') } });
    });

    it('reads the chain at most once per five seconds of the service clock, however often it is asked', async () => {
        f = await serviceFixture();
        const reads = jest.spyOn(f.chain, 'masterConfig');
        for (let i = 0; i < 5; i++) expect((await ready(f.app)).status).toBe(200);
        expect(reads).toHaveBeenCalledTimes(1);
        f.advance(5);
        expect((await ready(f.app)).status).toBe(200);
        expect(reads).toHaveBeenCalledTimes(2);
    });

    it('names the store once it is closed', async () => {
        f = await serviceFixture();
        sqliteOf(f.ctx).close();
        const answer = await ready(f.app);
        expect(answer.status).toBe(503);
        expect(answer.body.checks).toEqual({ ...ALL_UP, store: { status: 'down', reason: 'the store did not answer a query' } });
        expect((await f.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });

    it('counts a dependency that does not answer in time as down', async () => {
        const readiness = await checkReadiness(
            { store: async () => 1, queue: () => new Promise(() => {}), chain: async () => Promise.reject(new Error('no')) },
            50,
        );
        expect(readiness.ready).toBe(false);
        expect(readiness.checks.store).toEqual({ up: true });
        expect(readiness.checks.queue).toEqual({ up: false, reason: 'no answer within 50 ms' });
        expect(readiness.checks.chain).toMatchObject({ up: false, reason: 'the chain did not answer a read' });
    });
});
