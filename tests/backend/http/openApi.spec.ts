// The API description: every route the app serves under /api/v1 (and the probes and the WebSocket) is in
// /openapi.json with its error codes, nothing else is, and /docs is a reference that loads nothing from elsewhere.
import type { FastifyInstance, RouteOptions } from 'fastify';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { ROUTE_REFUSALS } from '../../../backend/src/routes/refusals';
import { routeKey, servedRoutes } from '../robustness/servedRoutes';
import { CapturedService, httpService } from './httpService';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = any;

/** Every route registered on an app this suite builds, as fastify's onRoute hook reports it while the app is built. */
const registered: Array<{ method: string; url: string }> = [];
jest.mock('fastify', () => {
    const real = jest.requireActual('fastify');
    const withRouteLog = (options: unknown) => {
        const app: FastifyInstance = real(options);
        app.addHook('onRoute', (route: RouteOptions) => {
            for (const method of [route.method].flat()) registered.push({ method, url: route.url });
        });
        return app;
    };
    return Object.assign(withRouteLog, real, { default: withRouteLog, fastify: withRouteLog });
});

const API_ROOTS = ['/health', '/ready', '/metrics', '/ws'];
const BACKEND = join(__dirname, '..', '..', '..', 'backend', 'src');

function builtWebApp(): string {
    const dir = mkdtempSync(join(tmpdir(), 'gstd-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>GSTD</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.info(1)');
    return dir;
}

/** `:name` as OpenAPI spells it. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('the API description', () => {
    let s: CapturedService;
    let doc: Doc;
    beforeAll(async () => {
        s = await httpService({ webDir: builtWebApp() });
        const res = await s.app.inject({ method: 'GET', url: '/openapi.json' });
        expect(res.statusCode).toBe(200);
        doc = res.json();
    });
    afterAll(async () => s.app.close());

    function operations(): Array<{ key: string; path: string; method: string; operation: any }> {
        return Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
            Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, operation })),
        );
    }

    it('has every route the app serves under /api/v1, the probes and the WebSocket, and nothing it does not serve', () => {
        const served = registered.filter((r) => r.method !== 'HEAD').map((r) => ({ method: r.method, path: r.url }));
        const api = served.filter((r) => r.path.startsWith('/api/v1/') || API_ROOTS.includes(r.path));
        // The route tree fastify serves from has the same API routes.
        const tree = servedRoutes(s.app).filter((r) => r.method !== 'HEAD' && (r.path.startsWith('/api/v1/') || API_ROOTS.includes(r.path)));
        expect(api.map(routeKey).sort()).toEqual(tree.map(routeKey).sort());
        // The app does serve what is asked here: a route renamed or dropped would make this check vacuous.
        expect(api.map(routeKey)).toEqual(expect.arrayContaining(['GET /health', 'GET /ready', 'GET /metrics', 'GET /ws', 'GET /api/v1/tasks']));
        const documented = new Set(operations().map((o) => o.key));
        expect(api.map((r) => `${r.method} ${openApiPath(r.path)}`).filter((key) => !documented.has(key))).toEqual([]);
        const servedKeys = new Set(api.map((r) => `${r.method} ${openApiPath(r.path)}`));
        expect([...documented].filter((key) => !servedKeys.has(key))).toEqual([]);
    });

    it("hides the web app's files and the reference's own pages", () => {
        const paths = Object.keys(doc.paths);
        expect(paths.filter((path) => !path.startsWith('/api/v1/') && !API_ROOTS.includes(path))).toEqual([]);
        expect(servedRoutes(s.app).map((r) => r.path)).toEqual(expect.arrayContaining(['/', '/assets/index-abc123.js', '/docs', '/openapi.json']));
    });

    it('is OpenAPI 3 with the error body and the session scheme as components', () => {
        expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
        expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
        expect(doc.components.schemas.ErrorBody).toMatchObject({
            type: 'object',
            required: ['error'],
            properties: { error: { required: ['code', 'message'] } },
        });
        expect(doc.components.securitySchemes.session).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
        for (const { key, operation } of operations()) {
            const statuses = Object.keys(operation.responses);
            expect([key, statuses.some((status) => /^(2\d\d|101)$/.test(status))]).toEqual([key, true]);
            expect([key, operation.responses['500']['x-error-codes']]).toEqual([key, ['INTERNAL']]);
            for (const status of statuses.filter((st) => Number(st) >= 400)) {
                const response = operation.responses[status];
                expect([key, status, response['x-error-codes'].length > 0]).toEqual([key, status, true]);
                if (status !== '503') expect(response.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
            }
        }
    });

    it('asks for a session exactly where a route answers 401 UNAUTHENTICATED without one', () => {
        const open = ['POST /api/v1/auth/challenge', 'POST /api/v1/auth/verify', 'GET /health', 'GET /ready'];
        for (const { key, operation } of operations()) {
            if (key === 'GET /metrics') expect(operation.security).toEqual([{}, { metricsToken: [] }]);
            else if (open.includes(key)) expect([key, operation.security]).toEqual([key, undefined]);
            else expect([key, operation.security]).toEqual([key, [{ session: [] }]]);
        }
    });

    it("lists each route's own codes beside those its shape shares", () => {
        const codes = (key: string, status: number) => operations().find((o) => o.key === key)!.operation.responses[status]['x-error-codes'];
        expect(codes('GET /api/v1/tasks', 400)).toEqual(['BAD_REQUEST', 'BAD_CURSOR']);
        expect(codes('POST /api/v1/tasks/{id}/claim', 409)).toEqual(expect.arrayContaining(['NO_SLOT_FREE', 'WALLET_ALREADY_ASSIGNED']));
        expect(codes('POST /api/v1/tasks/{id}/claim', 414)).toEqual(['PARAM_TOO_LONG']);
        expect(codes('POST /api/v1/devices', 400)).toEqual(['BAD_REQUEST', 'INVALID_JSON', 'EMPTY_BODY', 'BAD_CONTENT_LENGTH']);
        expect(codes('POST /api/v1/devices', 415)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
        expect(codes('POST /api/v1/auth/verify', 429)).toEqual(['RATE_LIMITED']);
        const ready = operations().find((o) => o.key === 'GET /ready')!.operation;
        expect(ready.responses['503']['x-error-codes']).toEqual(['NOT_READY']);
        expect(ready.responses['503'].content['application/json'].schema.properties.checks).toBeDefined();
        const ws = operations().find((o) => o.key === 'GET /ws')!.operation;
        expect(ws.responses['101'].description).toMatch(/Switching Protocols/);
        expect(ws.description).toMatch(/Upgrades to a WebSocket/);
        expect(ws.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['device_id']));
    });

    it("lists only codes the service's code has, and every code its routes throw", () => {
        const sources = readdirSync(BACKEND, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
            .map((entry) => join(entry.parentPath, entry.name))
            .filter((file) => relative(BACKEND, file) !== join('routes', 'refusals.ts'))
            .map((file) => readFileSync(file, 'utf8'))
            .join('\n');
        const listed = new Set(Object.values(ROUTE_REFUSALS).flatMap((refusals) => Object.values(refusals).flat()));
        expect([...listed].filter((code) => !sources.includes(`'${code}'`))).toEqual([]);
        const thrown = new Set([...sources.matchAll(/(?:ServiceError|HttpError)\(\s*['a-z0-9_]+,\s*'([A-Z_]+)'/g)].map((m) => m[1]));
        expect(thrown.size).toBeGreaterThan(30);
        expect([...thrown].filter((code) => !listed.has(code))).toEqual([]);
    });
});

describe('the browsable reference at /docs', () => {
    let s: CapturedService;
    beforeAll(async () => (s = await httpService()));
    afterAll(async () => s.app.close());

    it('is a page whose scripts and styles this service serves itself', async () => {
        for (const url of ['/docs', '/docs/']) {
            const page = await s.app.inject({ method: 'GET', url });
            expect(page.statusCode).toBe(200);
            expect(page.headers['content-type']).toMatch(/^text\/html/);
            const links = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
            expect(links.length).toBeGreaterThanOrEqual(4);
            expect(links.filter((link) => /^(https?:)?\/\//i.test(link))).toEqual([]);
            for (const link of links) {
                const asset = await s.app.inject({ method: 'GET', url: new URL(link, `http://local${url}`).pathname });
                expect([link, asset.statusCode]).toEqual([link, 200]);
            }
        }
    });

    it('answers a file it does not have as 404, not as a wrong method', async () => {
        const res = await s.app.inject({ method: 'GET', url: '/docs/static/no-such-file.js' });
        expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
        expect((await s.app.inject({ method: 'POST', url: '/docs/json' })).statusCode).toBe(405);
    });

    it('loads the description from this service, with no outside validator', async () => {
        const script = (await s.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })).body;
        expect(script).toContain("resolveUrl('./json')");
        expect(script).toContain('validatorUrl: null');
        // A quoted outside URL would be something the page fetches; the one in a comment is not.
        expect(script).not.toMatch(/["'`]https?:\/\//);
        const viaUi = await s.app.inject({ method: 'GET', url: '/docs/json' });
        const direct = await s.app.inject({ method: 'GET', url: '/openapi.json' });
        expect(viaUi.json()).toEqual(direct.json());
    });
});
