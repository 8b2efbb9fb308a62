// Rate limits: per client address on the auth routes and per wallet on result submissions, attached to the routes
// themselves so no spelling of a URL escapes them; the token bucket WebSocket frames use; and limits (and used
// login nonces) shared by two nodes through a real Redis.
import { InjectOptions } from 'fastify';
import { RateLimiter } from '../../../backend/src/http/rateLimit';
import { HttpError } from '../../../backend/src/http/errors';
import { startRedisServer, RedisServer } from '../queue/redisServer';
import { DOMAIN, newWallet, signProof } from '../auth/proofFixture';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';

function refusal(take: () => void): string | undefined {
    try {
        take();
        return undefined;
    } catch (err) {
        return err instanceof HttpError ? `${err.statusCode} ${err.code}` : String(err);
    }
}

describe('RateLimiter (WebSocket frames)', () => {
    it('allows a burst, then the steady rate, per key', () => {
        let now = 0;
        const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
        for (let i = 0; i < 3; i++) expect(refusal(() => limiter.take('a'))).toBeUndefined();
        expect(refusal(() => limiter.take('a'))).toBe('429 RATE_LIMITED');
        expect(refusal(() => limiter.take('b'))).toBeUndefined();
        now = 500;
        expect(refusal(() => limiter.take('a'))).toBeUndefined();
        expect(refusal(() => limiter.take('a'))).toBe('429 RATE_LIMITED');
    });

    it('remembers a bounded number of keys', () => {
        const limiter = new RateLimiter({ perSecond: 1, burst: 1, maxKeys: 2 }, () => 0);
        limiter.take('a');
        limiter.take('b');
        limiter.take('c'); // forgets 'a', the least recently used
        expect(refusal(() => limiter.take('a'))).toBeUndefined();
        expect(refusal(() => limiter.take('c'))).toBe('429 RATE_LIMITED');
    });
});

/** A request from `ip`, so each test has its own client and its own counters. */
function from(f: ServiceFixture, ip: string, options: InjectOptions) {
    return f.app.inject({ ...options, remoteAddress: ip });
}

function expectLimited(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, limit: number) {
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^too many requests; retry in /) } });
    expect(res.headers['x-ratelimit-limit']).toBe(String(limit));
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
}

describe('route rate limits', () => {
    let f: ServiceFixture;

    beforeAll(async () => {
        f = await serviceFixture({ RATE_LIMIT_AUTH_PER_MINUTE: '2', RATE_LIMIT_RESULTS_PER_SECOND: '1' });
    });

    afterAll(async () => {
        await f.close();
    });

    it('auth requests are limited per client address, with X-RateLimit-* headers and then Retry-After', async () => {
        const first = await from(f, '10.0.0.1', { method: 'POST', url: '/api/v1/auth/challenge' });
        expect(first.statusCode).toBe(200);
        expect([first.headers['x-ratelimit-limit'], first.headers['x-ratelimit-remaining']]).toEqual(['2', '1']);
        expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        expect((await from(f, '10.0.0.1', { method: 'POST', url: '/api/v1/auth/challenge' })).statusCode).toBe(200);
        expectLimited(await from(f, '10.0.0.1', { method: 'POST', url: '/api/v1/auth/challenge' }), 2);
        // Another client has its own count.
        expect((await from(f, '10.0.0.2', { method: 'POST', url: '/api/v1/auth/challenge' })).statusCode).toBe(200);
    });

    it.each([
        ['/api/v1/%61uth/challenge', '/api/v1/auth/challenge', '10.1.0.1'],
        ['/%61pi/v1/auth/challenge', '/api/v1/auth/challenge', '10.1.0.2'],
        ['/%61pi/v1/auth/verify', '/api/v1/auth/verify', '10.1.0.3'],
        ['/api/v1/%61uth/verify', '/api/v1/auth/verify', '10.1.0.4'],
    ])('%s is the route %s and counts against its limit', async (encoded, plain, ip) => {
        const body = plain.endsWith('verify') ? { payload: {} } : {};
        // The encoded spelling reaches the route (a schema refusal for an empty proof, a challenge otherwise)...
        const reached = await from(f, ip, { method: 'POST', url: encoded, ...body });
        expect(reached.statusCode).toBe(plain.endsWith('verify') ? 400 : 200);
        expect(reached.headers['x-ratelimit-remaining']).toBe('1');
        // ...and shares the count with the plain spelling, whichever comes next.
        expect((await from(f, ip, { method: 'POST', url: plain, ...body })).headers['x-ratelimit-remaining']).toBe('0');
        expectLimited(await from(f, ip, { method: 'POST', url: encoded, ...body }), 2);
        expectLimited(await from(f, ip, { method: 'POST', url: plain, ...body }), 2);
    });

    it('result submissions are limited per wallet, after the session check', async () => {
        const [w1, w2] = [await f.worker('limited-1'), await f.worker('limited-2')];
        const submit = (w: typeof w1, url = '/api/v1/tasks/1/results') =>
            f.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.token}` }, payload: { device_id: w.deviceId, output: 1 } });
        // Twice the per-second figure per two seconds reach the route (which refuses the unknown task); then 429.
        expect((await submit(w1)).statusCode).toBe(404);
        expect((await submit(w1, '/api/v1/t%61sks/1/results')).statusCode).toBe(404);
        expectLimited(await submit(w1), 2);
        // The limit is the wallet's, whatever address it calls from; another wallet has its own.
        expect((await submit(w2)).statusCode).toBe(404);
        // Without a session a request is refused before it is counted.
        const anonymous = await f.app.inject({ method: 'POST', url: '/api/v1/tasks/1/results', payload: { device_id: 'x', output: 1 } });
        expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
        expect(anonymous.headers['x-ratelimit-limit']).toBeUndefined();
    });
});

describe('limits and used nonces shared by two nodes through Redis', () => {
    let redis: RedisServer;
    let nodes: ServiceFixture[];

    beforeAll(async () => {
        redis = await startRedisServer();
    });

    afterAll(async () => {
        await redis.stop();
    });

    beforeEach(async () => {
        // One deployment: the same Redis and the same session secret on both nodes.
        const env = {
            REDIS_URL: redis.url,
            SESSION_SECRET: 'a5'.repeat(32),
            TON_PROOF_DOMAINS: DOMAIN,
            RATE_LIMIT_AUTH_PER_MINUTE: '3',
        };
        nodes = [await serviceFixture(env), await serviceFixture(env)];
    });

    afterEach(async () => {
        for (const node of nodes) await node.close();
    });

    it('a client gets the limit once across the nodes, not once per node', async () => {
        const challenge = (node: ServiceFixture) => from(node, '10.2.0.1', { method: 'POST', url: '/api/v1/auth/challenge' });
        expect((await challenge(nodes[0])).headers['x-ratelimit-remaining']).toBe('2');
        expect((await challenge(nodes[1])).headers['x-ratelimit-remaining']).toBe('1');
        expect((await challenge(nodes[0])).headers['x-ratelimit-remaining']).toBe('0');
        expectLimited(await challenge(nodes[1]), 3);
        expectLimited(await challenge(nodes[0]), 3);
    });

    it('a challenge from one node logs in on the other, and the proof cannot log in again on either', async () => {
        const wallet = await newWallet('v5r1');
        const ip = '10.2.0.2';
        const { payload } = (await from(nodes[0], ip, { method: 'POST', url: '/api/v1/auth/challenge' })).json();
        const proof = signProof(wallet, { payload, timestamp: nodes[1].now() });
        const verify = (node: ServiceFixture) => from(node, ip, { method: 'POST', url: '/api/v1/auth/verify', payload: proof as object });
        expect((await verify(nodes[1])).statusCode).toBe(200);
        for (const node of nodes) {
            const replay = await verify(node);
            expect([replay.statusCode, replay.json().error.code]).toEqual([401, 'UNKNOWN_NONCE']);
        }
    });
});
