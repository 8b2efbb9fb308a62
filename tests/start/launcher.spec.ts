// `npm start` with no chain configured: the launcher starts the devnet program as a child (chain under
// <data dir>/devnet, master deployed for the service's own key) and the service pointed at it; SIGTERM stops both.
import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { keyPairFromSeed } from '@ton/crypto';
import { freePort } from '../devnet/devnetChild';

const REPO_ROOT = resolve(__dirname, '..', '..');

interface LogLine {
    msg?: string;
    [field: string]: unknown;
}

/** Runs the launcher as `npm start` does, collecting its JSON log lines (the service's and the devnet's). */
function launch(env: Record<string, string>): { child: ChildProcess; lines: LogLine[] } {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'start/launcher.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, CHAIN: '', TONCENTER_ENDPOINT: '', ESCROW_MASTER_ADDRESS: '', TON_NETWORK: '', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: LogLine[] = [];
    let rest = '';
    child.stdout!.on('data', (chunk: Buffer) => {
        const text = rest + chunk.toString('utf8');
        const parts = text.split('\n');
        rest = parts.pop() ?? '';
        for (const part of parts) {
            if (part.startsWith('{')) lines.push(JSON.parse(part) as LogLine);
        }
    });
    return { child, lines };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
        const found = await check();
        if (found !== undefined) return found;
    }
    throw new Error(`timed out waiting for ${what}`);
}

const answers = (url: string) => fetch(url).then((r) => r.ok, () => false);

describe('npm start without a chain configured', () => {
    let dataDir: string;
    let child: ChildProcess | undefined;

    afterEach(() => {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('starts a devnet for the service key and the service on it, and stops both on SIGTERM', async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-launcher-'));
        const [port, devnetPort] = [await freePort(), await freePort()];
        const service = `http://127.0.0.1:${port}`;
        const devnet = `http://127.0.0.1:${devnetPort}`;
        const launched = launch({ GSTD_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), DEVNET_PORT: String(devnetPort), LOG_LEVEL: 'info' });
        child = launched.child;

        await waitFor('the service', async () => ((await answers(`${service}/health`)) ? true : undefined));
        const info = (await (await fetch(`${devnet}/devnet/info`)).json()) as { master: string; backend_public_key: string };
        const seed = readFileSync(join(dataDir, 'backend-signing-key'), 'utf8').trim();
        expect(info.backend_public_key).toBe(keyPairFromSeed(Buffer.from(seed, 'hex')).publicKey.toString('hex'));
        expect(existsSync(join(dataDir, 'devnet', 'devnet.json'))).toBe(true);
        const connected = await waitFor('the chain line', async () => launched.lines.find((l) => l.msg?.startsWith('chain connected')));
        expect(connected.master).toBe(info.master);
        const ready = await waitFor('the ready line', async () => launched.lines.find((l) => l.msg?.startsWith('local setup ready')));
        expect(ready).toMatchObject({ service, toncenterApi: `${devnet}/api/v2/jsonRPC` });

        const exited = new Promise<number | null>((done) => launched.child.once('exit', (code) => done(code)));
        launched.child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(await answers(`${service}/health`)).toBe(false);
        expect(await answers(`${devnet}/devnet/info`)).toBe(false);
    });
});
