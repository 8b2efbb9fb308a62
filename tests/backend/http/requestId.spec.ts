// Every answer carries x-request-id: the caller's when it is sane, a fresh one otherwise; and each request is
// logged exactly once, when answered, under that id. The log is JSON lines or pretty, as LOG_FORMAT (or the
// terminal) says.
import { AddressInfo, connect } from 'net';
import fastify from 'fastify';
import { ConfigError, loadConfig } from '../../../backend/src/config';
import { loggerOptions } from '../../../backend/src/http/requestLog';
import { CapturedService, httpService, linesTo } from './httpService';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and the access log', () => {
    let s: CapturedService;
    beforeEach(async () => (s = await httpService()));
    afterEach(async () => s.app.close());

    /** An answer of each kind: success, a route's refusal, no route, wrong method, and errors fastify meets itself. */
    const REQUESTS = [
        { method: 'GET', url: '/health', status: 200 },
        { method: 'GET', url: '/api/v1/devices', status: 401 },
        { method: 'GET', url: '/no/such/path?secret=1', status: 404 },
        { method: 'DELETE', url: '/api/v1/tasks', status: 405 },
        { method: 'GET', url: '/api/v1/%zz', status: 400 },
        { method: 'POST', url: '/api/v1/auth/verify', status: 400, payload: '{not json', headers: { 'content-type': 'application/json' } },
        { method: 'POST', url: '/api/v1/auth/challenge', status: 415, payload: 'text', headers: { 'content-type': 'text/plain' } },
    ] as const;

    async function send(request: (typeof REQUESTS)[number], id?: string) {
        const headers: Record<string, string> = { ...('headers' in request ? request.headers : {}) };
        if (id !== undefined) headers['x-request-id'] = id;
        const res = await s.app.inject({ method: request.method, url: request.url, headers, payload: 'payload' in request ? request.payload : undefined });
        expect([request.url, res.statusCode]).toEqual([request.url, request.status]);
        return res;
    }

    it("echoes a caller's sane id on every kind of answer", async () => {
        for (const [i, request] of REQUESTS.entries()) {
            const id = `client-${i}.retry_2`;
            expect((await send(request, id)).headers['x-request-id']).toBe(id);
        }
    });

    it('gives its own id when the caller sends none, or one that is not a short plain token', async () => {
        const insane = ['', 'a'.repeat(65), 'has space', 'semi;colon', 'ünïcode', 'new\\nline', '{"json":1}'];
        const ids = new Set<string>();
        for (const id of [undefined, ...insane]) {
            const given = (await send(REQUESTS[0], id)).headers['x-request-id'];
            expect(given).toMatch(UUID);
            ids.add(given as string);
        }
        expect(ids.size).toBe(insane.length + 1);
        expect((await send(REQUESTS[0], 'a'.repeat(64))).headers['x-request-id']).toBe('a'.repeat(64));
    });

    it('gives an id even to bytes that never became a request', async () => {
        await s.app.listen({ host: '127.0.0.1', port: 0 });
        const { port } = s.app.server.address() as AddressInfo;
        const answer = await new Promise<string>((resolve) => {
            let text = '';
            const socket = connect({ host: '127.0.0.1', port }, () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
            socket.on('data', (chunk) => (text += chunk.toString()));
            socket.on('close', () => resolve(text));
        });
        expect(answer).toMatch(/^HTTP\/1\.1 400 /);
        expect(answer).toContain('BAD_HTTP');
        expect(answer).toMatch(/\r\nx-request-id: [0-9a-f-]{36}\r\n/);
    });

    it('logs each request once, when answered, with its id, method, path without query, status and duration', async () => {
        const before = s.logLines().length;
        for (const [i, request] of REQUESTS.entries()) await send(request, `req-${i}`);
        const lines = s.logLines().slice(before).filter((line) => line.msg === 'request');
        expect(lines).toHaveLength(REQUESTS.length);
        for (const [i, request] of REQUESTS.entries()) {
            const own = s.logLines().filter((line) => line.reqId === `req-${i}`);
            expect(own).toHaveLength(1);
            expect(own[0]).toMatchObject({
                msg: 'request',
                method: request.method,
                url: request.url.split('?')[0],
                status: request.status,
                durationMs: expect.any(Number),
            });
        }
        expect(JSON.stringify(s.logLines())).not.toContain('secret=1');
    });
});

describe('log format', () => {
    it('is pretty at a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
        expect(loadConfig({}, true).logFormat).toBe('pretty');
        expect(loadConfig({}, false).logFormat).toBe('json');
        expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
        expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
        expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
        expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be pretty or json, got "xml"/);
    });

    it('writes JSON lines for json, and human-readable lines for pretty', async () => {
        for (const logFormat of ['json', 'pretty'] as const) {
            const lines: string[] = [];
            const options = loggerOptions({ logLevel: 'info', logFormat }, linesTo(lines));
            const app = fastify({ logger: options });
            app.log.info({ reqId: 'abc' }, 'request');
            await app.close();
            const text = lines.join('');
            if (logFormat === 'json') {
                expect(JSON.parse(text)).toMatchObject({ level: 30, reqId: 'abc', msg: 'request' });
            } else {
                expect(text).toMatch(/INFO.*request/);
                expect(text).toContain('reqId: "abc"');
                expect(() => JSON.parse(text)).toThrow();
            }
        }
    });
});
