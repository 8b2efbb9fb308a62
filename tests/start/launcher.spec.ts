// `npm start` with no chain configured: the launcher checks its ports, starts the devnet program as a child (chain
// under <data dir>/devnet, master deployed for the service's own key and owned by a wallet whose mnemonic it keeps),
// then the service pointed at it, prints a banner at every log level; SIGTERM stops both.
import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { createServer, Server } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Address, beginCell, internal, SendMode, toNano } from '@ton/core';
import { keyPairFromSeed, mnemonicToPrivateKey } from '@ton/crypto';
import { TonClient, WalletContractV4 } from '@ton/ton';
import { EscrowMaster, storeSetFee } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { HttpTransport } from '../../client/httpTransport';
import { ServiceSession } from '../../client/serviceSession';
import { walletFromKeys } from '../../client/wallet';
import { DEVNET_GLOBAL_ID } from '../../devnet/devnetNetwork';
import { DevnetInfo } from '../../devnet/src/infoRoute';
import { freePort } from '../devnet/devnetChild';

const REPO_ROOT = resolve(__dirname, '..', '..');

interface Launched {
    child: ChildProcess;
    stdout: () => string;
    stderr: () => string;
    exited: Promise<number | null>;
}

/** Runs the launcher as `npm start` does, collecting what it prints. */
function launch(env: Record<string, string>): Launched {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'start/launcher.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, CHAIN: '', TONCENTER_ENDPOINT: '', ESCROW_MASTER_ADDRESS: '', TON_NETWORK: '', MASTER_OWNER: '', WALLET_MNEMONIC: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
        const found = await check();
        if (found !== undefined) return found;
    }
    throw new Error(`timed out waiting for ${what}`);
}

const answers = (url: string) => fetch(url).then((r) => r.ok, () => false);

function occupy(port: number): Promise<Server> {
    return new Promise((done, fail) => {
        const server = createServer();
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => done(server));
    });
}

describe('npm start without a chain configured', () => {
    let root: string;
    let launched: Launched | undefined;
    let occupier: Server | undefined;

    beforeEach(() => {
        root = mkdtempSync(join(tmpdir(), 'gstd-launcher-'));
    });

    afterEach(async () => {
        // SIGTERM, so the launcher stops the devnet it started rather than leave it behind.
        if (launched && launched.child.exitCode === null && launched.child.signalCode === null) {
            const killer = setTimeout(() => launched!.child.kill('SIGKILL'), 15_000);
            launched.child.kill('SIGTERM');
            await launched.exited;
            clearTimeout(killer);
        }
        await new Promise<void>((done) => (occupier ? occupier.close(() => done()) : done()));
        occupier = undefined;
        rmSync(root, { recursive: true, force: true });
    });

    it('starts a devnet and the service on it, prints the banner even at LOG_LEVEL=error, and stops both on SIGTERM', async () => {
        const dataDir = join(root, 'data');
        const [port, devnetPort] = [await freePort(), await freePort()];
        const service = `http://127.0.0.1:${port}`;
        const devnet = `http://127.0.0.1:${devnetPort}`;
        launched = launch({ GSTD_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), DEVNET_PORT: String(devnetPort), LOG_LEVEL: 'error' });

        await waitFor('the service', async () => ((await answers(`${service}/health`)) ? true : undefined));
        const info = (await (await fetch(`${devnet}/devnet/info`)).json()) as DevnetInfo;
        const seed = readFileSync(join(dataDir, 'backend-signing-key'), 'utf8').trim();
        expect(info.backend_public_key).toBe(keyPairFromSeed(Buffer.from(seed, 'hex')).publicKey.toString('hex'));
        expect(existsSync(join(dataDir, 'devnet', 'devnet.json'))).toBe(true);

        const banner = await waitFor('the banner', async () => (launched!.stdout().includes('Stop with Ctrl-C.') ? launched!.stdout() : undefined));
        const endpoint = `${devnet}/api/v2/jsonRPC`;
        for (const part of [`${service}/api/v1`, `${service}/docs`, endpoint, `${devnet}/devnet/faucet`, info.master, info.backend_public_key]) {
            expect(banner).toContain(part);
        }
        expect(banner).toContain(
            `WALLET_MNEMONIC="$(cat ${join(dataDir, 'master-owner.mnemonic')})" WALLET_VERSION=v4 npx blueprint run setFee ` +
                `--custom ${endpoint} --custom-version v2 --custom-type custom --mnemonic ${info.master} 300`,
        );
        expect(banner).not.toMatch(/^\{/m);

        const exited = launched.exited;
        launched.child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(await answers(`${service}/health`)).toBe(false);
        expect(await answers(`${devnet}/devnet/info`)).toBe(false);
    });

    it("deploys the master for an owner whose mnemonic it keeps (0600), funded so it can send: the owner's SetFee takes effect", async () => {
        const dataDir = join(root, 'data');
        const [port, devnetPort] = [await freePort(), await freePort()];
        const devnet = `http://127.0.0.1:${devnetPort}`;
        launched = launch({ GSTD_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), DEVNET_PORT: String(devnetPort), LOG_LEVEL: 'error' });
        await waitFor('the banner', async () => (launched!.stdout().includes('Stop with Ctrl-C.') ? true : undefined));

        const mnemonicFile = join(dataDir, 'master-owner.mnemonic');
        expect(statSync(mnemonicFile).mode & 0o777).toBe(0o600);
        const keys = await mnemonicToPrivateKey(readFileSync(mnemonicFile, 'utf8').trim().split(' '));
        const wallet = WalletContractV4.create({ workchain: 0, publicKey: keys.publicKey });
        const info = (await (await fetch(`${devnet}/devnet/info`)).json()) as DevnetInfo;
        expect(info.owner).toBe(wallet.address.toString());

        // The network the service tells the page and TonConnect about is the devnet's, as /devnet/info reports it.
        expect(info.global_id).toBe(DEVNET_GLOBAL_ID);
        const webConfig = (await (await fetch(`http://127.0.0.1:${port}/web-config.json`)).json()) as { network: string };
        expect(webConfig.network).toBe(String(info.global_id));

        // The service on this machine is localhost and 127.0.0.1 alike: a proof for either logs in.
        const http = new HttpTransport(`http://127.0.0.1:${port}`);
        for (const host of ['localhost', '127.0.0.1']) {
            const session = new ServiceSession(http, walletFromKeys(keys, 'v4', 'mainnet'), `${host}:${port}`);
            expect(await session.renew()).toEqual(expect.any(String));
        }

        const client = new TonClient({ endpoint: `${devnet}/api/v2/jsonRPC` });
        const master = client.open(EscrowMaster.fromAddress(Address.parse(info.master)));
        expect((await master.getConfig()).feeBps).toBe(500n);
        const owner = client.open(wallet);
        await owner.sendTransfer({
            seqno: await owner.getSeqno(),
            secretKey: keys.secretKey,
            sendMode: SendMode.PAY_GAS_SEPARATELY,
            messages: [internal({ to: master.address, value: toNano('0.05'), body: beginCell().store(storeSetFee({ $$type: 'SetFee', queryId: 0n, feeBps: 300n })).endCell() })],
        });
        const fee = await waitFor('the new fee', async () => {
            const { feeBps } = await master.getConfig();
            return feeBps === 300n ? feeBps : undefined;
        });
        expect(fee).toBe(300n);
    });

    it.each([
        ['the service', 'PORT', 'the service (PORT)'],
        ['the devnet', 'DEVNET_PORT', 'the local devnet (DEVNET_PORT)'],
    ])('refuses a port %s cannot listen on in one line, exit 1, before creating the data dir', async (_, variable, role) => {
        const dataDir = join(root, 'data');
        const ports: Record<string, number> = { PORT: await freePort(), DEVNET_PORT: await freePort() };
        occupier = await occupy(ports[variable]);
        launched = launch({ GSTD_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(ports.PORT), DEVNET_PORT: String(ports.DEVNET_PORT), LOG_LEVEL: 'info' });

        expect(await launched.exited).toBe(1);
        expect(launched.stderr().trimEnd().split('\n')).toEqual([
            `port ${ports[variable]} on 127.0.0.1 is in use: ${role} cannot listen there; stop what uses it or choose another port`,
        ]);
        expect(existsSync(dataDir)).toBe(false);
    });
});
