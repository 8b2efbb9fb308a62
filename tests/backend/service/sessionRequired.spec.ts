// Every route that acts for a wallet wants a session; only the probes, metrics, the API reference and the login
// steps do without.
import { FastifyInstance } from 'fastify';
import { serviceFixture, ServiceFixture } from './serviceFixture';

const DEVICE = '00000000-0000-4000-8000-000000000000';
const SHA256 = '0'.repeat(64);

/** Method, concrete URL and the route pattern it stands for. */
const PROTECTED: Array<[string, string, string]> = [
    ['GET', '/api/v1/auth/session', '/api/v1/auth/session'],
    ['POST', '/api/v1/devices', '/api/v1/devices'],
    ['GET', '/api/v1/devices', '/api/v1/devices'],
    ['GET', `/api/v1/devices/${DEVICE}`, '/api/v1/devices/:id'],
    ['POST', '/api/v1/modules', '/api/v1/modules'],
    ['GET', `/api/v1/modules/${SHA256}`, '/api/v1/modules/:sha256'],
    ['POST', '/api/v1/tasks', '/api/v1/tasks'],
    ['GET', '/api/v1/tasks', '/api/v1/tasks'],
    ['GET', '/api/v1/tasks/1', '/api/v1/tasks/:id'],
    ['POST', '/api/v1/tasks/1/confirm-escrow', '/api/v1/tasks/:id/confirm-escrow'],
    ['POST', '/api/v1/tasks/1/claim', '/api/v1/tasks/:id/claim'],
    ['POST', '/api/v1/tasks/1/results', '/api/v1/tasks/:id/results'],
    ['GET', `/api/v1/offers?device_id=${DEVICE}`, '/api/v1/offers'],
    ['POST', '/api/v1/payments/payout-intent', '/api/v1/payments/payout-intent'],
    ['GET', '/api/v1/payouts', '/api/v1/payouts'],
    ['GET', '/api/v1/stats', '/api/v1/stats'],
    ['GET', '/api/v1/tasks/1/outcome', '/api/v1/tasks/:id/outcome'],
    ['GET', '/api/v1/tasks/1/close-transaction', '/api/v1/tasks/:id/close-transaction'],
    ['GET', '/api/v1/tasks/1/escrow', '/api/v1/tasks/:id/escrow'],
    ['GET', `/ws?device_id=${DEVICE}`, '/ws'],
];

/** Answer without a session: the proof itself is what `verify` checks (an empty body is a 400, not a 401). */
const PUBLIC: Array<[string, string, number]> = [
    ['GET', '/health', 200],
    ['GET', '/ready', 200],
    ['GET', '/metrics', 200],
    ['GET', '/openapi.json', 200],
    ['GET', '/docs', 200],
    ['GET', '/docs/', 200],
    ['GET', '/docs/*', 404],
    ['GET', '/docs/json', 200],
    ['GET', '/docs/yaml', 200],
    ['GET', '/docs/static/index.html', 302],
    ['GET', '/docs/static/swagger-initializer.js', 200],
    ['POST', '/api/v1/auth/challenge', 200],
    ['POST', '/api/v1/auth/verify', 400],
];

/** "METHOD /pattern" of every route the app serves, read from fastify's route tree; HEAD (added per GET) left out. */
function servedRoutes(app: FastifyInstance): string[] {
    const path: string[] = [];
    const routes: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
        const match = line.match(/^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/);
        if (!match) continue;
        path.length = match[1].length / 4;
        path.push(match[2]);
        for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path.join('')}`);
    }
    return routes.sort();
}

describe('sessions', () => {
    let f: ServiceFixture;
    beforeEach(async () => {
        f = await serviceFixture();
    });
    afterEach(async () => f.close());

    async function answer(method: string, url: string, authorization?: string) {
        // A body that would be valid, or nearly: the session is checked before the body is even parsed.
        const res = await f.app.inject({
            method: method as 'GET' | 'POST',
            url,
            headers: authorization ? { authorization } : {},
            ...(method === 'POST' ? { payload: {} } : {}),
        });
        return [method, url, res.statusCode, res.statusCode === 401 ? res.json().error.code : undefined];
    }

    it('the lists above name every route the app serves', () => {
        const listed = [...PROTECTED.map(([m, , route]) => `${m} ${route}`), ...PUBLIC.map(([m, url]) => `${m} ${url}`)];
        expect(servedRoutes(f.app)).toEqual(listed.sort());
    });

    it('every protected route answers 401 without a session', async () => {
        const answers = [];
        for (const [method, url] of PROTECTED) answers.push(await answer(method, url));
        expect(answers).toEqual(PROTECTED.map(([method, url]) => [method, url, 401, 'UNAUTHENTICATED']));
    });

    it('every protected route answers 401 to a forged or expired token', async () => {
        const forged = `Bearer ${(await f.sessionOf(f.requester.address)).slice(0, -4)}AAAA`;
        const expiring = `Bearer ${await f.sessionOf(f.requester.address)}`;
        f.advance(f.config.sessionTtlSeconds);
        const answers = [];
        for (const [method, url] of PROTECTED) answers.push(await answer(method, url, forged), await answer(method, url, expiring));
        expect(answers).toEqual(PROTECTED.flatMap(([method, url]) => [[method, url, 401, 'UNAUTHENTICATED'], [method, url, 401, 'UNAUTHENTICATED']]));
    });

    it('the probes, metrics, the API reference and the login steps answer without a session', async () => {
        const answers = [];
        for (const [method, url] of PUBLIC) answers.push((await answer(method, url)).slice(0, 3));
        expect(answers).toEqual(PUBLIC);
    });
});
