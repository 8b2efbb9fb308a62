import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleWorkloads, DIST_DIR, MANIFEST_PATH, manifestOf } from '../../worker/modules/assemble';
import { WORKLOADS } from '../../worker/src/workloads/registry';
import { sha256Of } from './modules';

describe('worker/modules build', () => {
    it('rebuilding the WAT sources gives the committed .wasm files byte for byte', async () => {
        const rebuilt = await assembleWorkloads();
        expect(rebuilt.map(({ name }) => name)).toEqual(WORKLOADS.map(({ name }) => name));
        for (const { name, bytes, sha256 } of rebuilt) {
            const committed = readFileSync(join(DIST_DIR, `${name}.wasm`));
            expect({ name, sha256: sha256Of(committed) }).toEqual({ name, sha256 });
            expect(committed.equals(bytes)).toBe(true);
        }
    });

    it('two builds in one process give the same bytes', async () => {
        const [first, second] = await Promise.all([assembleWorkloads(), assembleWorkloads()]);
        expect(second.map(({ sha256 }) => sha256)).toEqual(first.map(({ sha256 }) => sha256));
    });

    it('the committed manifest is the one the build writes: hashes, sizes, ABIs and schemas', async () => {
        const rebuilt = await assembleWorkloads();
        expect(readFileSync(MANIFEST_PATH, 'utf8')).toBe(manifestOf(rebuilt));
        const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
        expect(manifest['prime-sieve'].abi.entry).toBe('prime_sieve');
        expect(manifest['hash-chain'].sha256).toBe(sha256Of(readFileSync(join(DIST_DIR, 'hash-chain.wasm'))));
    });
});
