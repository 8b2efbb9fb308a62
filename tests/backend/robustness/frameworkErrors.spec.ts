// What fastify itself refuses (bodies it cannot parse, URLs it cannot decode, a method a path does not take) is
// answered in the service's own shape and codes: never one of fastify's internal FST_* codes or messages.
import { InjectOptions } from 'fastify';
import { errorBody } from '../../../backend/src/http/errors';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { storeSnapshot } from '../service/serviceSteps';
import { isServiceError } from './errorShape';

describe('framework errors', () => {
    let f: ServiceFixture;
    let token: string;
    beforeEach(async () => {
        f = await serviceFixture();
        token = (await f.worker('w1')).token;
    });
    afterEach(async () => f.close());

    /** Sends the request and checks what every refusal promises: the service's shape, no FST_ code, nothing written. */
    async function refusal(request: InjectOptions) {
        const before = await storeSnapshot(f);
        const res = await f.app.inject(request);
        expect(isServiceError(res.body)).toBe(true);
        expect(res.body).not.toMatch(/FST_|fastify/i);
        expect(await storeSnapshot(f)).toEqual(before);
        return { status: res.statusCode, code: res.json().error.code as string, headers: res.headers };
    }

    function post(url: string, headers: Record<string, string>, payload?: string): InjectOptions {
        return { method: 'POST', url, headers: { authorization: `Bearer ${token}`, ...headers }, payload };
    }

    const json = { 'content-type': 'application/json' };

    it('a body over the limit is 413 BODY_TOO_LARGE', async () => {
        const body = JSON.stringify({ name: 'x'.repeat(64 * 1024), capabilities: ['hash'] });
        expect(await refusal(post('/api/v1/devices', json, body))).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    });

    it.each([
        ['truncated', '{"name":'],
        ['not JSON at all', 'name=w'],
        ['a trailing comma', '{"name":"d","capabilities":["hash"],}'],
    ])('a body that is not JSON (%s) is 400 INVALID_JSON', async (_, body) => {
        expect(await refusal(post('/api/v1/devices', json, body))).toMatchObject({ status: 400, code: 'INVALID_JSON' });
    });

    it('an empty body sent as JSON is 400 EMPTY_BODY', async () => {
        expect(await refusal(post('/api/v1/devices', json, ''))).toMatchObject({ status: 400, code: 'EMPTY_BODY' });
    });

    it('a body longer than its Content-Length says is 400 BAD_CONTENT_LENGTH', async () => {
        const res = await refusal(post('/api/v1/devices', { ...json, 'content-length': '5' }, '{"name":"d","capabilities":["hash"]}'));
        expect(res).toMatchObject({ status: 400, code: 'BAD_CONTENT_LENGTH' });
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
        'a body of type %s is 415 UNSUPPORTED_MEDIA_TYPE',
        async (type) => {
            const res = await refusal(post('/api/v1/devices', { 'content-type': type }, '{"name":"d","capabilities":["hash"]}'));
            expect(res).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
        },
    );

    it('a path with broken percent-encoding is 400 BAD_URL and does not echo the path', async () => {
        const res = await f.app.inject({ method: 'GET', url: '/api/v1/tasks/%E0%A4%A', headers: { authorization: `Bearer ${token}` } });
        expect([res.statusCode, res.json()]).toEqual([400, errorBody('BAD_URL', 'the URL is not validly percent-encoded')]);
    });

    it('a path parameter over the length limit is 414 PARAM_TOO_LONG', async () => {
        const res = await refusal({ method: 'GET', url: `/api/v1/tasks/${'1'.repeat(101)}`, headers: { authorization: `Bearer ${token}` } });
        expect(res).toMatchObject({ status: 414, code: 'PARAM_TOO_LONG' });
    });

    it.each([
        ['DELETE', '/api/v1/tasks', 'GET, HEAD, POST'],
        ['PUT', '/api/v1/tasks/123/results', 'POST'],
        ['POST', '/health', 'GET, HEAD'],
        ['GET', '/api/v1/tasks/123/claim', 'POST'],
        ['PATCH', '/api/v1/devices/00000000-0000-4000-8000-000000000000?x=1', 'GET, HEAD'],
    ])('%s %s is 405 METHOD_NOT_ALLOWED with Allow: %s', async (method, url, allow) => {
        const res = await refusal({ method: method as InjectOptions['method'], url, headers: { authorization: `Bearer ${token}` } });
        expect(res).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
        expect(res.headers.allow).toBe(allow);
    });

    it('a path no method takes is still 404 NOT_FOUND, without its query string in the message', async () => {
        const res = await f.app.inject({ method: 'GET', url: '/api/v1/nothing?token=secret' });
        expect([res.statusCode, res.json()]).toEqual([404, errorBody('NOT_FOUND', 'no route GET /api/v1/nothing')]);
        expect((await f.app.inject({ method: 'DELETE', url: '/api/v1/nothing' })).statusCode).toBe(404);
    });

    it('a well-formed request on the same route still works', async () => {
        const res = await f.app.inject(post('/api/v1/devices', json, JSON.stringify({ name: 'second', capabilities: ['hash'] })));
        expect(res.statusCode).toBe(201);
    });
});
