// `npm run devnet` as the program it is: started as a child process, it serves its info, toncenter's API (the
// global id included) and the faucet over HTTP, and a restart on the same data directory after a clean stop keeps
// every balance and the same master; with --in-memory it saves nothing. Without a backend key it refuses to start and
// says what it needs.
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { TonClient } from '@ton/ton';
import { networkGlobalId } from '../../backend/src/chain/networkGlobalId';
import { DEVNET_ENTRY, RunningDevnet, startDevnet, stopDevnet } from '../../devnet/devnetProcess';
import { freePort, startDevnetChild } from './devnetChild';
import { fundFromFaucet } from './devnetHttp';

const backendKey = keyPairFromSeed(Buffer.alloc(32, 9)).publicKey;

describe('the devnet program', () => {
    let dataDir: string;
    let devnet: RunningDevnet | undefined;

    beforeEach(() => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-devnet-process-'));
    });

    afterEach(async () => {
        if (devnet) await stopDevnet(devnet.child);
        devnet = undefined;
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('serves its master, the global id and the faucet, and keeps them and every balance across a restart', async () => {
        devnet = await startDevnetChild(dataDir, backendKey);
        const first = devnet.info;
        expect(first).toMatchObject({ backend_public_key: backendKey.toString('hex'), fee_bps: 500 });
        const client = new TonClient({ endpoint: devnet.endpoint });
        const master = Address.parse(first.master);
        expect(await client.isContractDeployed(master)).toBe(true);
        expect(await networkGlobalId(devnet.endpoint)).toBe(first.global_id);

        const wallet = new Address(0, Buffer.alloc(32, 7));
        await fundFromFaucet(devnet.url, wallet.toString({ bounceable: false }), toNano('3'));
        expect(await client.getBalance(wallet)).toBe(toNano('3'));
        const masterBalance = await client.getBalance(master);

        const exited = new Promise<number | null>((resolve) => devnet!.child.once('exit', (code) => resolve(code)));
        await stopDevnet(devnet.child);
        expect(await exited).toBe(0);
        expect(existsSync(join(dataDir, 'devnet.json'))).toBe(true);

        devnet = await startDevnetChild(dataDir, backendKey);
        expect(devnet.info).toEqual(first);
        const again = new TonClient({ endpoint: devnet.endpoint });
        expect(await again.getBalance(wallet)).toBe(toNano('3'));
        // Found, not deployed again: a second deployment would have added to its balance.
        expect(await again.getBalance(master)).toBe(masterBalance);
    });

    it('in memory, serves as usual and writes nothing to its data directory, not even on a clean stop', async () => {
        const memoryDir = join(dataDir, 'memory');
        devnet = await startDevnet({ port: await freePort(), dataDir: memoryDir, backendPublicKey: backendKey, logLevel: 'warn', inMemory: true }, [
            'ignore',
            'ignore',
            'inherit',
        ]);
        const client = new TonClient({ endpoint: devnet.endpoint });
        expect(await client.isContractDeployed(Address.parse(devnet.info.master))).toBe(true);
        const wallet = new Address(0, Buffer.alloc(32, 8));
        await fundFromFaucet(devnet.url, wallet.toString({ bounceable: false }), toNano('2'));
        expect(await client.getBalance(wallet)).toBe(toNano('2'));

        await stopDevnet(devnet.child);
        devnet = undefined;
        expect(existsSync(memoryDir)).toBe(false);
    });

    it('refuses to start without a backend key, naming the flag and the variable', () => {
        const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', DEVNET_ENTRY, '--data-dir', dataDir], {
            env: { ...process.env, DEVNET_BACKEND_PUBLIC_KEY: '' },
            encoding: 'utf8',
        });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/backend public key must be 64 hex/);
        expect(run.stderr).toMatch(/--backend-public-key/);
        expect(run.stderr).toMatch(/DEVNET_BACKEND_PUBLIC_KEY/);
    });
});
