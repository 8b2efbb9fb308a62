// The web app beside the API, on the same origin: the built page (web/dist) at `/`, the page's own routes answered
// with index.html (the page routes itself), the TonConnect manifest and icon, and the page's settings. A path under
// /api or /ws is never the page's: unknown ones keep the API's JSON 404 and 405.
import { existsSync, readFileSync } from 'fs';
import { join, sep } from 'path';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { WebConfig } from '../../../protocol';
import { errorBody } from '../http/errors';
import { tonConnectManifest } from './manifest';

export interface WebAppOptions {
    /** The built app (web/dist); it may be missing, and then the page's paths say how to build it. */
    distDir: string;
    /** PUBLIC_URL. */
    publicUrl: string;
    /** The chain id wallets must be on ('-239', '-3', or the devnet's). */
    network: string;
}

/** Where `npm run build:web` puts the app, from this file's place in the repository. */
export const WEB_DIST_DIR = join(__dirname, '..', '..', '..', 'web', 'dist');

const ICON = readFileSync(join(__dirname, 'icon.svg'));

export const webApp = fp(async (app: FastifyInstance, options: WebAppOptions) => {
    const manifest = tonConnectManifest(options.publicUrl);
    const config: WebConfig = { network: options.network, public_url: options.publicUrl };
    // Wallets fetch the manifest from their own origin.
    app.get('/tonconnect-manifest.json', async (_request, reply) => reply.header('access-control-allow-origin', '*').send(manifest));
    app.get('/icon.svg', async (_request, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(ICON));
    app.get('/web-config.json', async () => config);

    // wildcard: false makes @fastify/static register one route per built file (found at start-up) instead of a
    // catch-all, so the API's 404 and 405 answers stay as they are, and no request path reaches the file system
    // unless it names a built file. A rebuild is served after a restart.
    const built = existsSync(join(options.distDir, 'index.html'));
    if (built) {
        await app.register(fastifyStatic, {
            root: options.distDir,
            wildcard: false,
            index: ['index.html'],
            cacheControl: false,
            // Vite names assets by their content hash, so they never change; anything else must be fetched fresh.
            setHeaders: (res, path) =>
                res.setHeader('cache-control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
        });
    } else {
        app.log.warn({ distDir: options.distDir }, 'the web app is not built: run `npm run build:web`, then restart the service');
        app.get('/', async (_request, reply) => notBuilt(reply));
    }

    // The page's own routes (/payouts, /worker …) are not files: answer them with the app, which reads its URL.
    app.addHook('onRequest', async (request, reply) => {
        if (!request.is404 || !isPagePath(request)) return;
        return built ? reply.header('cache-control', 'no-cache').sendFile('index.html') : notBuilt(reply);
    });
});

function notBuilt(reply: FastifyReply): FastifyReply {
    return reply.status(503).send(errorBody('WEB_APP_NOT_BUILT', 'the web app is not built: run `npm run build:web`, then restart the service'));
}

/** A GET for a path that could be one of the page's routes: not the API's, not a file name. */
function isPagePath(request: FastifyRequest): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0];
    if (/^\/(api|ws|health|metrics)(\/|$)/.test(path)) return false;
    const last = path.slice(path.lastIndexOf('/') + 1);
    return !last.includes('.');
}
