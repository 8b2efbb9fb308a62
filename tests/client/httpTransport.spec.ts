// How answers from the service, a proxy or nobody at all become ServiceErrors: the service's own code when it
// sent one, the status otherwise, and status 0 for no answer; retryable ones say so.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpTransport } from '../../client/httpTransport';
import { BAD_ANSWER, ServiceError, TIMED_OUT, UNREACHABLE } from '../../client/serviceError';

type Route = { status: number; type: string; body: string } | 'hang';

const ROUTES: Record<string, Route> = {
    '/ok': { status: 200, type: 'application/json', body: '{"answer":42}' },
    '/race': { status: 409, type: 'application/json', body: '{"error":{"code":"NO_SLOT_FREE","message":"every slot is taken"}}' },
    '/session': { status: 401, type: 'application/json', body: '{"error":{"code":"UNAUTHENTICATED","message":"expired"}}' },
    '/limited': { status: 429, type: 'application/json', body: '{"error":{"code":"RATE_LIMITED","message":"slow down"}}' },
    '/crash': { status: 500, type: 'application/json', body: '{"error":{"code":"INTERNAL","message":"internal error"}}' },
    '/proxy': { status: 502, type: 'text/html', body: '<html>Bad Gateway</html>' },
    '/garbled': { status: 200, type: 'application/json', body: '{"answer":' },
    '/bytes': { status: 200, type: 'application/wasm', body: '\u0000asm' },
    '/hang': 'hang',
};

describe('HTTP transport error mapping', () => {
    let server: Server;
    let base: string;
    const seen: Array<{ url: string; authorization?: string; body: string }> = [];

    beforeAll(async () => {
        server = createServer((request, response) => {
            let body = '';
            request.on('data', (chunk) => (body += chunk));
            request.on('end', () => {
                seen.push({ url: request.url!, authorization: request.headers.authorization, body });
                const route = ROUTES[request.url!];
                if (route === 'hang') return;
                response.writeHead(route.status, { 'content-type': route.type }).end(route.body);
            });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    });

    async function failure(path: string, transport = new HttpTransport(base)): Promise<ServiceError> {
        const error = await transport.json({ method: 'GET', path }).then(
            () => null,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ServiceError);
        return error as ServiceError;
    }

    it('returns the JSON of a 2xx answer, sending the token and the body', async () => {
        const answer = await new HttpTransport(`${base}/`).json({ method: 'POST', path: '/ok', token: 'abc', body: { x: 1 } });
        expect(answer).toEqual({ answer: 42 });
        expect(seen.at(-1)).toEqual({ url: '/ok', authorization: 'Bearer abc', body: '{"x":1}' });
    });

    it('returns raw bytes for a module download', async () => {
        expect(await new HttpTransport(base).bytes({ method: 'GET', path: '/bytes' })).toEqual(new Uint8Array([0x00, 0x61, 0x73, 0x6d]));
    });

    it('keeps the service’s code and message, and calls a claim race final, not transient', async () => {
        const race = await failure('/race');
        expect([race.status, race.code, race.message, race.transient]).toEqual([409, 'NO_SLOT_FREE', 'NO_SLOT_FREE: every slot is taken', false]);
        const session = await failure('/session');
        expect([session.status, session.code, session.transient]).toEqual([401, 'UNAUTHENTICATED', false]);
    });

    it('marks rate limits and server faults as transient', async () => {
        expect(await failure('/limited')).toMatchObject({ status: 429, code: 'RATE_LIMITED', transient: true });
        expect(await failure('/crash')).toMatchObject({ status: 500, code: 'INTERNAL', transient: true });
    });

    it('names an answer not in the service’s shape by its status', async () => {
        expect(await failure('/proxy')).toMatchObject({ status: 502, code: 'HTTP_502', transient: true });
        expect(await failure('/garbled')).toMatchObject({ status: 200, code: BAD_ANSWER, transient: false });
    });

    it('reports no answer as status 0: a closed port, or a service that does not answer in time', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const port = (closed.address() as AddressInfo).port;
        await new Promise((resolve) => closed.close(resolve));
        expect(await failure('/ok', new HttpTransport(`http://127.0.0.1:${port}`))).toMatchObject({ status: 0, code: UNREACHABLE, transient: true });
        expect(await failure('/hang', new HttpTransport(base, 200))).toMatchObject({ status: 0, code: TIMED_OUT, transient: true });
    });
});
