// METRICS_TOKEN puts /metrics behind a bearer token; METRICS_PORT moves it to a listener of its own, closed with the app.
import { createServer, Server } from 'node:net';
import { ConfigError, loadConfig } from '../../../backend/src/config';
import { freePort } from '../queue/redisServer';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { parseExposition } from './scrape';

const TOKEN = 'metrics-token-0123456789abcdef';

function configProblems(env: Record<string, string>): string {
    try {
        loadConfig({ GSTD_DATA_DIR: '/tmp/gstd-metrics-config', ...env });
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems.join('\n');
    }
    throw new Error('expected a ConfigError');
}

describe('metrics protection', () => {
    let f: ServiceFixture | undefined;
    afterEach(async () => {
        await f?.close();
        f = undefined;
    });

    const get = (headers: Record<string, string> = {}) => f!.app.inject({ method: 'GET', url: '/metrics', headers });

    it('with METRICS_TOKEN, /metrics refuses a request without the token or with another, in the service error shape', async () => {
        f = await serviceFixture({ METRICS_TOKEN: TOKEN });
        const attempts: Array<Record<string, string>> = [
            {},
            { authorization: `Bearer ${TOKEN}x` },
            { authorization: `Bearer ${TOKEN.slice(1)}` },
            { authorization: TOKEN },
        ];
        for (const headers of attempts) {
            const res = await get(headers);
            expect([res.statusCode, res.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
            expect(res.body).not.toContain('gstd_');
        }
        // A session token is not the metrics token.
        expect((await get({ authorization: `Bearer ${f.requesterToken}` })).statusCode).toBe(401);
    });

    it('with METRICS_TOKEN, /metrics answers a request bearing it; other routes are unchanged', async () => {
        f = await serviceFixture({ METRICS_TOKEN: TOKEN });
        const res = await get({ authorization: `Bearer ${TOKEN}` });
        expect(res.statusCode).toBe(200);
        expect(parseExposition(res.body).types.get('gstd_tasks')).toBe('gauge');
        expect((await f.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });

    it('with METRICS_PORT, the main port has no /metrics and the metrics port serves it, until the app closes', async () => {
        const port = await freePort();
        f = await serviceFixture({ METRICS_PORT: String(port), HOST: '127.0.0.1' });
        await f.app.ready();
        const main = await get();
        expect([main.statusCode, main.json().error.code]).toEqual([404, 'NOT_FOUND']);

        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        expect(res.status).toBe(200);
        const m = parseExposition(await res.text());
        expect(m.types.get('gstd_websocket_connections')).toBe('gauge');
        // The main app's requests are still counted, on the metrics port.
        expect(m.samples.some((s) => s.name === 'gstd_http_requests_total' && s.labels.status === '404')).toBe(true);
        const other = await fetch(`http://127.0.0.1:${port}/health`);
        expect([other.status, ((await other.json()) as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);

        await f.close();
        f = undefined;
        await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    });

    it('METRICS_PORT and METRICS_TOKEN together: the metrics port wants the token', async () => {
        const port = await freePort();
        f = await serviceFixture({ METRICS_PORT: String(port), HOST: '127.0.0.1', METRICS_TOKEN: TOKEN });
        await f.app.ready();
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
        expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    });

    it('a METRICS_PORT already taken stops the app from starting, with the reason', async () => {
        const taken: Server = createServer();
        await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
        const { port } = taken.address() as { port: number };
        try {
            f = await serviceFixture({ METRICS_PORT: String(port), HOST: '127.0.0.1' });
            await expect(f.app.ready()).rejects.toThrow(/EADDRINUSE/);
        } finally {
            await new Promise((resolve) => taken.close(resolve));
        }
    });

    it('a bad METRICS_PORT is a configuration error naming it', () => {
        for (const raw of ['abc', '0', '65536', '-1', '80.5']) {
            expect(configProblems({ METRICS_PORT: raw })).toContain(`METRICS_PORT must be a whole number from 1 to 65535, got "${raw}"`);
        }
        expect(configProblems({ METRICS_PORT: '9100', PORT: '9100' })).toContain('METRICS_PORT must differ from PORT (9100)');
        expect(loadConfig({ GSTD_DATA_DIR: '/tmp/gstd-metrics-config', METRICS_PORT: '9100' }).metricsPort).toBe(9100);
        expect(loadConfig({ GSTD_DATA_DIR: '/tmp/gstd-metrics-config' }).metricsPort).toBeUndefined();
    });

    it('a bad METRICS_TOKEN is a configuration error that does not repeat the token', () => {
        for (const raw of ['short-token', 'has a space in the middle', 'x'.repeat(257), 'ünïcode-token-0123456789']) {
            const problems = configProblems({ METRICS_TOKEN: raw });
            expect(problems).toContain('METRICS_TOKEN must be 16 to 256 characters');
            expect(problems).not.toContain(raw);
        }
        expect(loadConfig({ GSTD_DATA_DIR: '/tmp/gstd-metrics-config', METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    });
});
