// Malformed and random requests at every route the app serves: never a 5xx, always the one error shape, and a
// refused request leaves the store exactly as it was. One service for the whole file: the requests need its
// tasks, devices and sessions, and each one is checked against a fingerprint of the store rather than a fresh app.
import { AddressInfo } from 'net';
import { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { brokenHttp } from './brokenHttp';
import { isFastifyOwnError, isServiceError } from './errorShape';
import { fillPath, fuzzTarget, FuzzTarget, templateOf } from './fuzzTarget';
import { FUZZ_KINDS, FuzzRequest, fuzzRequests, PUBLIC_PATHS } from './fuzzRequests';
import { rawExchange } from './rawHttp';
import { parameterNames, routeKey, ServedRoute } from './servedRoutes';
import { storeFingerprint, StoreFingerprint } from './storeFingerprint';
import { sqliteOf } from '../../helpers/sqliteOf';

const SEED = 20_260_101;
/** Requests per fuzz kind: enough that each route is aimed at several times however many routes there are. */
const runsPerKind = (routes: number) => Math.max(100, 6 * routes);
const RAW_REQUESTS = 50;
const RAW_TIMEOUT_MS = 10_000;

describe('malformed requests', () => {
    let target: FuzzTarget;
    let storeAtStart: StoreFingerprint;
    let storeNow: StoreFingerprint;
    let port: number | undefined;
    const timesAimedAt = new Map<string, number>();
    let sent = 0;

    beforeAll(async () => {
        target = await fuzzTarget();
        storeAtStart = storeFingerprint(sqliteOf(target.fixture.ctx));
        storeNow = storeAtStart;
    });

    afterAll(async () => {
        await target?.fixture.close();
    });

    /** The app on a real socket, listening from the first test that needs one until the file ends. */
    async function listeningPort(): Promise<number> {
        if (port === undefined) {
            await target.fixture.app.listen({ host: '127.0.0.1', port: 0 });
            port = (target.fixture.app.server.address() as AddressInfo).port;
        }
        return port;
    }

    function realUrl(route: ServedRoute): string {
        return fillPath(route.path, parameterNames(route.path).map(() => target.realParams(route.path)[0]));
    }

    /** Sends one request through `inject` and throws, naming it, if the answer breaks a promise. */
    async function sendAndCheck(request: FuzzRequest): Promise<void> {
        // Nothing else writes between requests (the fixture runs no background loops): the store as the previous
        // request left it is the store this one found.
        const before = storeNow;
        const res = await target.fixture.app.inject({
            method: request.method as InjectOptions['method'],
            url: request.url,
            headers: request.headers,
            payload: request.payload,
        });
        storeNow = storeFingerprint(sqliteOf(target.fixture.ctx));
        sent++;
        if (request.aimedAt) timesAimedAt.set(request.aimedAt, (timesAimedAt.get(request.aimedAt) ?? 0) + 1);
        const seen = `${request.method} ${request.url.slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        if (res.statusCode >= 500) throw new Error(`server error: ${seen}`);
        if (request.mustGet !== undefined && res.statusCode !== request.mustGet) throw new Error(`expected ${request.mustGet}: ${seen}`);
        if (res.statusCode >= 400) {
            // HEAD answers carry no body by definition.
            if (request.method !== 'HEAD' && !isServiceError(res.body)) throw new Error(`error body off the shape: ${seen}`);
            expect(storeNow).toEqual(before);
        }
    }

    it('the routes fuzzed are the ones the app serves, task results among them', () => {
        const keys = target.routes.map(routeKey);
        expect(keys).toEqual(expect.arrayContaining(['POST /api/v1/tasks/:id/results', 'POST /api/v1/devices', 'GET /health']));
        expect(new Set(keys).size).toBe(keys.length);
    });

    it.each(FUZZ_KINDS)('%s: no 5xx, one error shape, nothing written', async (kind) => {
        const requests = fuzzRequests(target)[kind];
        await fc.assert(fc.asyncProperty(requests, sendAndCheck), { seed: SEED, numRuns: runsPerKind(target.routes.length) });
    });

    it('every protected route refuses every bad credential with 401, even with a well-formed body', async () => {
        for (const route of target.routes.filter((r) => !PUBLIC_PATHS.has(r.path))) {
            const withBody = route.method !== 'GET' && route.method !== 'HEAD';
            for (const authorization of target.badAuthorizations) {
                await sendAndCheck({
                    method: route.method,
                    url: realUrl(route),
                    headers: {
                        ...(authorization === undefined ? {} : { authorization }),
                        ...(withBody ? { 'content-type': 'application/json' } : {}),
                    },
                    payload: withBody ? Buffer.from(JSON.stringify(templateOf(target, route).body)) : undefined,
                    aimedAt: routeKey(route),
                    mustGet: 401,
                });
            }
        }
    });

    it('a real socket survives broken HTTP and goes on serving', async () => {
        const listening = await listeningPort();
        const paths = target.routes.filter((r) => r.method !== 'HEAD').map(realUrl);
        const requests = fc.sample(brokenHttp(paths, target.sessions[1]), { seed: SEED, numRuns: RAW_REQUESTS });

        const problems: string[] = [];
        // Ten at a time: a loaded machine should not turn slow answers into time-outs.
        for (let i = 0; i < requests.length; i += 10) {
            const batch = requests.slice(i, i + 10);
            const answers = await Promise.all(batch.map((bytes) => rawExchange(listening, bytes, RAW_TIMEOUT_MS)));
            answers.forEach(({ responses, timedOut }, j) => {
                const request = JSON.stringify(batch[j].toString('latin1').slice(0, 120));
                if (timedOut) problems.push(`${request}: neither answered nor closed in ${RAW_TIMEOUT_MS} ms`);
                for (const { status, body } of responses) {
                    // Bytes that never became a request are answered by fastify or Node themselves (a known gap below).
                    const shaped = status < 400 || isServiceError(body) || isFastifyOwnError(body) || body === '';
                    if (!(status >= 100 && status < 500) || !shaped) problems.push(`${request}: ${status} ${body.slice(0, 200)}`);
                }
            });
        }
        expect(problems).toEqual([]);

        const health = await rawExchange(listening, Buffer.from('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n'), RAW_TIMEOUT_MS);
        expect(health.responses).toEqual([{ status: 200, body: '{"status":"ok"}' }]);
        expect(storeFingerprint(sqliteOf(target.fixture.ctx))).toEqual(storeAtStart);
    });

    it('the whole batch was over a thousand requests, reached every route, and wrote nothing', () => {
        expect(sent).toBeGreaterThanOrEqual(1000);
        const missed = target.routes.map(routeKey).filter((key) => (timesAimedAt.get(key) ?? 0) < 5);
        expect(missed).toEqual([]);
        expect(storeFingerprint(sqliteOf(target.fixture.ctx))).toEqual(storeAtStart);
    });

    // Fastify answers these before the app's error handler runs; app.ts routes them through the service's shape with
    // fastify's `frameworkErrors` and `clientErrorHandler` options (frameworkErrors.spec.ts checks their codes).
    describe('refused before routing', () => {
        async function bodyOf(url: string): Promise<string> {
            const res = await target.fixture.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${target.sessions[1]}` } });
            return res.body;
        }

        it('a path with broken percent-encoding gets the service error shape', async () => {
            expect(isServiceError(await bodyOf('/api/v1/tasks/%E0%A4%A'))).toBe(true);
        });

        it('a path parameter over 100 characters gets the service error shape', async () => {
            expect(isServiceError(await bodyOf(`/api/v1/tasks/${'1'.repeat(101)}`))).toBe(true);
        });

        it('a request line that does not parse gets the service error shape', async () => {
            const answer = await rawExchange(await listeningPort(), Buffer.from('GET / HTTP/9.9\r\n\r\n'), RAW_TIMEOUT_MS);
            expect(answer.responses.map((r) => isServiceError(r.body))).toEqual([true]);
        });
    });
});
