// One module contract, not two: the browser engine imports the shared contract and run step from worker/src/execute
// and holds no copy of them, and nothing the browser reaches from worker/ or client/ imports a Node module or uses Buffer.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const ENGINE = join(ROOT, 'web/src/engine');

const read = (path: string) => readFileSync(path, 'utf8');
const engineFiles = () => readdirSync(ENGINE).filter((name) => name.endsWith('.ts')).map((name) => join(ENGINE, name));

/** Every file reachable by relative imports (type imports included) from `entry`. */
function reachable(entry: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const [, target] of read(file).matchAll(/from '(\.[^']+)'/g)) {
            const base = resolve(dirname(file), target);
            const candidates = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
            const found = candidates.find((candidate) => {
                try {
                    return read(candidate) !== undefined;
                } catch {
                    return false;
                }
            });
            if (!found) throw new Error(`${file}: cannot resolve ${target}`);
            visit(found);
        }
    };
    visit(entry);
    return [...seen];
}

describe('the browser engine shares the module contract', () => {
    it('the Web Worker runs the shared run step, and the host runs the shared contract and time budget', () => {
        expect(read(join(ENGINE, 'moduleWorker.ts'))).toMatch(/import \{ runModuleCall \} from '\.\.\/\.\.\/\.\.\/worker\/src\/execute\/runStep'/);
        const host = read(join(ENGINE, 'browserModuleHost.ts'));
        expect(host).toMatch(/from '\.\.\/\.\.\/\.\.\/worker\/src\/execute\/portable'/);
        expect(host).toContain('superviseRun(');
        expect(read(join(ENGINE, 'browserWorkerEngine.ts'))).toContain('executeOnHost(');
    });

    it.each([
        ['the layout reader', /LEB128|0x61, 0x73, 0x6d|readModuleLayout\s*\(/],
        ['the resource plan', /maximumPages\s*=|WASM_PAGE_BYTES|MAX_TABLE_ELEMENTS/],
        ['a workload', /hash_chain|prime_sieve|matrix_product|defineWorkload|Value\.Errors/],
        ['the run step', /new \w+\.Instance\(|new \w+\.Memory\(|WebAssembly\.(instantiate|Module|Instance)/],
        ['the time budget', /the module ran longer than/],
        ['the hub connection', /new Backoff\(|fullJitterDelay|type: 'replay'/],
    ])('web/src/engine holds no second copy of %s', (_part, pattern) => {
        for (const file of engineFiles()) expect([file, pattern.test(read(file))]).toEqual([file, false]);
    });

    it('the browser engine uses the same HubConnection class as the CLI', () => {
        expect(read(join(ENGINE, 'browserWorkerEngine.ts'))).toMatch(/import \{[^}]*\bHubConnection\b[^}]*\} from '\.\.\/\.\.\/\.\.\/client\/hubConnection'/);
        expect(read(join(ROOT, 'worker/src/client/workerClient.ts'))).toMatch(/import \{[^}]*\bHubConnection\b[^}]*\} from '\.\.\/\.\.\/\.\.\/client\/hubConnection'/);
    });

    it('nothing the browser reaches imports a Node module, ws or Buffer', () => {
        const files = engineFiles().flatMap(reachable);
        const shared = [...new Set(files)].filter((file) => file.startsWith(join(ROOT, 'worker')) || file.startsWith(join(ROOT, 'client')));
        expect(shared).toEqual(expect.arrayContaining([join(ROOT, 'worker/src/execute/moduleContract.ts'), join(ROOT, 'client/hubConnection.ts')]));
        for (const file of new Set(files)) {
            const source = read(file);
            expect([file, /from '(node:[^']+|ws|events|util|crypto|fs|path|worker_threads)'/.test(source)]).toEqual([file, false]);
            expect([file, /\bBuffer\.|: Buffer\b|<Buffer>/.test(source)]).toEqual([file, false]);
        }
    });
});
