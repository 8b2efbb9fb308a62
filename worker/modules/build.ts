// `npm run modules`: assembles worker/modules/*.wat into dist/<name>.wasm and writes dist/manifest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assembleWorkloads, DIST_DIR, MANIFEST_PATH, manifestOf } from './assemble';

async function main(): Promise<void> {
    const modules = await assembleWorkloads();
    mkdirSync(DIST_DIR, { recursive: true });
    for (const { name, bytes, sha256 } of modules) {
        writeFileSync(join(DIST_DIR, `${name}.wasm`), bytes);
        process.stdout.write(`${name.padEnd(16)} ${String(bytes.length).padStart(6)} bytes  sha256 ${sha256}\n`);
    }
    writeFileSync(MANIFEST_PATH, manifestOf(modules));
    process.stdout.write(`manifest         ${relative(process.cwd(), MANIFEST_PATH)}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
});
