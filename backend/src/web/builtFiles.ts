// The built web app's files, read once at start-up: every file under the build directory by its URL path, with its
// content type. Serving only what is listed here means no path from a request ever reaches the file system.
// (@fastify/static would do this too, but it requires content-disposition 3, an ES module that the jest runtime
// the service's suites load app.ts in cannot require.)
import { readdirSync, readFileSync } from 'fs';
import { extname, join, relative, sep } from 'path';

export interface BuiltFile {
    body: Buffer;
    contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.wasm': 'application/wasm',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
};

/** URL path ("/assets/index-1a2b.js") → file, for every file under `dir`. */
export function readBuiltFiles(dir: string): Map<string, BuiltFile> {
    const files = new Map<string, BuiltFile>();
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        const urlPath = '/' + relative(dir, path).split(sep).join('/');
        files.set(urlPath, { body: readFileSync(path), contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
    }
    return files;
}
