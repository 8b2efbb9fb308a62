// Every answer carries x-request-id: the caller's when it is sane, a fresh one otherwise; and each request is
// logged exactly once, when answered, under that id. The log is JSON lines or pretty, as LOG_FORMAT (or the
// terminal) says.
import { IncomingMessage } from 'http';
import { AddressInfo, connect } from 'net';
import { Address } from '@ton/core';
import fastify from 'fastify';
import { WebSocket } from 'ws';
import { SessionTokens } from '../../../backend/src/auth/sessions';
import { ConfigError, loadConfig } from '../../../backend/src/config';
import { loggerOptions } from '../../../backend/src/http/requestLog';
import { loadSecrets } from '../../../backend/src/secrets';
import { waitUntil } from '../queue/waitUntil';
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

describe('WebSocket connections in the log', () => {
    let s: CapturedService;
    beforeEach(async () => (s = await httpService()));
    afterEach(async () => s.app.close());

    it('logs an upgraded connection once, as 101 when it closes, and a refused upgrade once with its status', async () => {
        const tokens = new SessionTokens(loadSecrets(s.config).sessionSecret, 900, () => Math.floor(Date.now() / 1000));
        const token = (await tokens.issue(new Address(0, Buffer.alloc(32, 7)))).token;
        const device = await s.app.inject({
            method: 'POST',
            url: '/api/v1/devices',
            headers: { authorization: `Bearer ${token}` },
            payload: { name: 'laptop', capabilities: ['hash'] },
        });
        await s.app.listen({ host: '127.0.0.1', port: 0 });
        const base = `ws://127.0.0.1:${(s.app.server.address() as AddressInfo).port}/ws?device_id=${device.json().id}`;

        const accepted = new WebSocket(`${base}&token=${token}`, { headers: { 'x-request-id': 'ws-accepted' } });
        await new Promise((resolve) => accepted.once('message', resolve));
        accepted.close();
        await new Promise((resolve) => accepted.once('close', resolve));

        const refused = new WebSocket(`${base}&token=forged`, { headers: { 'x-request-id': 'ws-refused' } });
        refused.on('error', () => undefined);
        const answer = await new Promise<IncomingMessage>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res)));
        expect([answer.statusCode, answer.headers['x-request-id']]).toEqual([401, 'ws-refused']);
        refused.terminate();

        await waitUntil(() => s.logLines().some((line) => line.reqId === 'ws-accepted'), 'the closed connection is logged');
        const lines = (id: string) => s.logLines().filter((line) => line.reqId === id);
        expect(lines('ws-accepted')).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', url: '/ws', status: 101 })]);
        expect(lines('ws-refused')).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', url: '/ws', status: 401 })]);
        expect(JSON.stringify(s.logLines())).not.toContain(token);
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
