// Running the devnet program (src/main.ts) as a child process and waiting until it serves: for `npm start`'s
// launcher, the demo and the tests. Loads nothing of the devnet itself, so its callers need no @ton/sandbox.
import { ChildProcess, spawn, StdioOptions } from 'child_process';
import { join, resolve } from 'path';
import type { DevnetInfo } from './src/infoRoute';

/** The program's entry point, run under ts-node as `npm run devnet` runs it. */
export const DEVNET_ENTRY = join(__dirname, 'src', 'main.ts');
const REPO_ROOT = resolve(__dirname, '..');

export interface DevnetProcessOptions {
    host?: string;
    port: number;
    dataDir: string;
    backendPublicKey: Buffer;
    logLevel?: string;
    /** The master's owner and treasury (an address); the devnet's own wallet when absent. */
    masterOwner?: string;
    /** Keep the chain in memory only (--in-memory): nothing is loaded from or saved to `dataDir`. */
    inMemory?: boolean;
}

export interface RunningDevnet {
    child: ChildProcess;
    /** http://host:port */
    url: string;
    /** The toncenter v2 JSON-RPC URL. */
    endpoint: string;
    info: DevnetInfo;
}

/** The flags for src/main.ts. */
export function devnetArgs(options: DevnetProcessOptions): string[] {
    return [
        '--host', options.host ?? '127.0.0.1',
        '--port', String(options.port),
        '--data-dir', options.dataDir,
        '--backend-public-key', options.backendPublicKey.toString('hex'),
        '--log-level', options.logLevel ?? 'info',
        ...(options.masterOwner ? ['--master-owner', options.masterOwner] : []),
        ...(options.inMemory ? ['--in-memory'] : []),
    ];
}

/** Starts the devnet under ts-node (node -r ts-node/register/transpile-only), from the repository root. */
export function spawnDevnet(options: DevnetProcessOptions, stdio: StdioOptions = 'inherit'): ChildProcess {
    return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', DEVNET_ENTRY, ...devnetArgs(options)], {
        cwd: REPO_ROOT,
        stdio,
    });
}

/** Where a devnet started with `options` answers. */
export function devnetUrl(options: Pick<DevnetProcessOptions, 'host' | 'port'>): string {
    const host = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
    return `http://${host}:${options.port}`;
}

/** Resolves once the devnet at `url` answers GET /devnet/info; rejects if `child` exits first or time runs out. */
export async function waitForDevnet(child: ChildProcess, url: string, timeoutMs = 60_000): Promise<RunningDevnet> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
        if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`the devnet exited (${child.exitCode ?? child.signalCode}) before it served ${url}`);
        }
        const info = await fetch(`${url}/devnet/info`).then(
            (r) => (r.ok ? (r.json() as Promise<DevnetInfo>) : undefined),
            () => undefined,
        );
        if (info) return { child, url, endpoint: `${url}/api/v2/jsonRPC`, info };
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the devnet did not answer GET ${url}/devnet/info within ${timeoutMs} ms`);
}

/** Starts the devnet and waits for it; kills it if it does not come up. */
export async function startDevnet(options: DevnetProcessOptions, stdio: StdioOptions = 'inherit'): Promise<RunningDevnet> {
    const child = spawnDevnet(options, stdio);
    try {
        const running = await waitForDevnet(child, devnetUrl(options));
        // Another devnet already on that port answers too, while this one fails to listen.
        if (running.info.backend_public_key !== options.backendPublicKey.toString('hex')) {
            throw new Error(`${running.url} serves a devnet for another backend key; is another devnet on that port?`);
        }
        return running;
    } catch (err) {
        child.kill('SIGKILL');
        throw err;
    }
}

/** Asks the devnet to stop (SIGTERM: it saves and closes), and kills it if it lingers. */
export function stopDevnet(child: ChildProcess, graceMs = 10_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
            clearTimeout(killer);
            done();
        });
        child.kill('SIGTERM');
    });
}
