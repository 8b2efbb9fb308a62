// Use cases do not speak HTTP: the domain, the store, the queue, the chain and the operations on them import nothing
// from the edges (routes, the HTTP helpers, the WebSocket hub) or from fastify, and refuse with ServiceError, never
// with a status code. The edges map a refusal's kind to their own form (http/errors.ts, realtime/wsRoutes.ts).
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const SRC = join(__dirname, '../../backend/src');
const USE_CASE_FOLDERS = ['auth', 'chain', 'devices', 'domain', 'payments', 'queue', 'service', 'store', 'tasks'];
const EDGE_FOLDERS = ['http', 'routes', 'realtime'];
const EDGE_PACKAGES = /^(fastify|@fastify\/|ws$|fastify-plugin)/;

function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
    });
}

function importsOf(source: string): string[] {
    return [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const useCaseFiles = USE_CASE_FOLDERS.flatMap((folder) => filesUnder(join(SRC, folder)));

describe('the use-case layer', () => {
    it('covers every use-case folder', () => {
        for (const folder of USE_CASE_FOLDERS) expect(useCaseFiles.some((f) => f.includes(`/src/${folder}/`))).toBe(true);
    });

    it.each(useCaseFiles.map((f) => [relative(SRC, f), f]))('%s imports no edge and no web framework', (_name, file) => {
        const source = readFileSync(file, 'utf8');
        const edgeImports = importsOf(source).filter(
            (spec) => EDGE_PACKAGES.test(spec) || EDGE_FOLDERS.some((edge) => spec === `../${edge}` || spec.startsWith(`../${edge}/`)),
        );
        expect(edgeImports).toEqual([]);
        expect(source).not.toMatch(/\bHttpError\b|\bstatusCode\b/);
    });
});
