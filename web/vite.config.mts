// `npm run build:web`: the single-page app from web/ into web/dist, which the service serves at `/`.
import { fileURLToPath } from 'url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
    root: here,
    base: '/',
    // Vite's own TSX transform; React 19's automatic runtime, no plugin needed.
    oxc: { jsx: { runtime: 'automatic' } },
    // @ton/core expects Node's Buffer: the `buffer` package stands in for it (set on globalThis in polyfills.ts).
    resolve: { alias: { buffer: 'buffer/' } },
    define: { global: 'globalThis' },
    build: {
        outDir: 'dist',
        emptyOutDir: true,
        target: 'es2022',
        chunkSizeWarningLimit: 1024,
    },
    // `npx vite web` while developing: the API, the WebSocket and the manifest come from the service on 8080.
    server: {
        proxy: {
            '/api': 'http://localhost:8080',
            '/ws': { target: 'ws://localhost:8080', ws: true },
            '/tonconnect-manifest.json': 'http://localhost:8080',
            '/web-config.json': 'http://localhost:8080',
            '/icon.svg': 'http://localhost:8080',
        },
    },
});
