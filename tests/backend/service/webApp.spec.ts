// The web app beside the API: the built page at `/` and its routes, the TonConnect manifest from PUBLIC_URL, and
// the API's JSON 404/405 unchanged under /api with the page being served.
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address } from '@ton/core';
import { FastifyInstance } from 'fastify';
import { buildService } from '../../../backend/src/app';
import { ChainAdapter } from '../../../backend/src/chain/chain';
import { loadConfig } from '../../../backend/src/config';
import { loadSecrets } from '../../../backend/src/secrets';

const PAGE = '<!doctype html><title>GSTD</title><div id="root"></div>';

/** A chain nobody asks anything here: the web routes never reach it. */
const idleChain: ChainAdapter = {
    globalId: -3,
    masterAddress: new Address(0, Buffer.alloc(32, 1)),
    masterConfig: () => Promise.reject(new Error('not used')),
    escrowAddress: () => Promise.reject(new Error('not used')),
    escrowState: () => Promise.reject(new Error('not used')),
    claimsOf: () => Promise.reject(new Error('not used')),
};

function builtApp(): string {
    const dir = mkdtempSync(join(tmpdir(), 'gstd-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.info(1)');
    return dir;
}

async function serviceWith(webDir: string | undefined, env: Record<string, string> = {}): Promise<FastifyInstance> {
    const config = loadConfig({
        GSTD_DATA_DIR: mkdtempSync(join(tmpdir(), 'gstd-webapp-')),
        LOG_LEVEL: 'silent',
        SWEEP_INTERVAL_MS: '0',
        CHAIN_POLL_INTERVAL_MS: '0',
        PUBLIC_URL: 'https://gstd.example.org',
        ...env,
    });
    const { app } = await buildService({ config, secrets: loadSecrets(config), chain: idleChain, webDir });
    return app;
}

describe('web app served by the service', () => {
    let app: FastifyInstance;

    afterEach(async () => {
        await app?.close();
    });

    it('serves the built page at / and its assets with long-lived caching', async () => {
        app = await serviceWith(builtApp());
        const page = await app.inject({ method: 'GET', url: '/' });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.body).toBe(PAGE);
        expect(page.headers['cache-control']).toBe('no-cache');
        const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
        expect(asset.statusCode).toBe(200);
        expect(asset.headers['cache-control']).toMatch(/immutable/);
    });

    it("answers the page's own routes with index.html (SPA fallback)", async () => {
        app = await serviceWith(builtApp());
        for (const url of ['/payouts', '/requester?task=1', '/operator/', '/deep/link']) {
            const res = await app.inject({ method: 'GET', url });
            expect([url, res.statusCode, res.body]).toEqual([url, 200, PAGE]);
        }
    });

    it('a missing file is still a JSON 404, not the page', async () => {
        app = await serviceWith(builtApp());
        const res = await app.inject({ method: 'GET', url: '/assets/gone-123.js' });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /assets/gone-123.js' } });
    });

    it('unknown /api paths keep their JSON 404, and known ones their 405', async () => {
        app = await serviceWith(builtApp());
        const missing = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
        expect(missing.statusCode).toBe(404);
        expect(missing.json().error.code).toBe('NOT_FOUND');
        const wrongMethod = await app.inject({ method: 'DELETE', url: '/api/v1/auth/challenge' });
        expect(wrongMethod.statusCode).toBe(405);
        expect(wrongMethod.json().error.code).toBe('METHOD_NOT_ALLOWED');
        const postToPage = await app.inject({ method: 'POST', url: '/payouts', payload: {} });
        expect(postToPage.statusCode).toBe(404);
        expect(postToPage.json().error.code).toBe('NOT_FOUND');
        const ws = await app.inject({ method: 'GET', url: '/ws/else' });
        expect(ws.statusCode).toBe(404);
    });

    it('without a build, / and the page routes say how to build it (503 JSON)', async () => {
        app = await serviceWith(join(tmpdir(), 'gstd-web-never-built'));
        for (const url of ['/', '/payouts']) {
            const res = await app.inject({ method: 'GET', url });
            expect(res.statusCode).toBe(503);
            expect(res.json().error.code).toBe('WEB_APP_NOT_BUILT');
            expect(res.json().error.message).toMatch(/npm run build:web/);
        }
        expect((await app.inject({ method: 'GET', url: '/api/v1/nothing' })).statusCode).toBe(404);
    });

    it('the TonConnect manifest and its icon come from PUBLIC_URL', async () => {
        app = await serviceWith(builtApp());
        const res = await app.inject({ method: 'GET', url: '/tonconnect-manifest.json' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.json()).toEqual({ url: 'https://gstd.example.org', name: 'GSTD Escrow', iconUrl: 'https://gstd.example.org/icon.svg' });
        const icon = await app.inject({ method: 'GET', url: '/icon.svg' });
        expect(icon.statusCode).toBe(200);
        expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);
        expect(icon.body).toMatch(/^<svg/);
    });

    it("the page's settings name the chain wallets must be on", async () => {
        app = await serviceWith(builtApp());
        const res = await app.inject({ method: 'GET', url: '/web-config.json' });
        expect(res.json()).toEqual({ network: '-3', public_url: 'https://gstd.example.org' });
    });

    it('without a web directory the service is the API alone', async () => {
        app = await serviceWith(undefined);
        expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
        expect((await app.inject({ method: 'GET', url: '/tonconnect-manifest.json' })).statusCode).toBe(404);
    });
});
