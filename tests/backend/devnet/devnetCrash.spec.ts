// `npm start`'s devnet survives a crash as the store does: the service is SIGKILLed right after the devnet
// acknowledged a faucet grant and a wallet transfer, or a whole escrow's life (the master deployed at start, a task
// funded, claimed and closed), and the restarted service on the same data directory still has all of it, exactly,
// and carries on.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address, internal, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { Blockchain } from '@ton/sandbox';
import { TonClient } from '@ton/ton';
import { deploySandboxMaster } from '../../../backend/src/chain/deploySandboxMaster';
import { sandboxGlobalId } from '../../../backend/src/chain/sandboxChain';
import { loadDevnet } from '../../../backend/src/devnet/devnetState';
import { stopChild } from '../../../demo/childProcesses';
import { faucet, RunningService, startService } from '../../../demo/service';
import { linksByMessages, transactionLinks } from './chainRecord';
import { closeAfterDeadline, DevnetUsers, fundAndClaim } from './escrowLifecycle';
import { localWallet } from './localWallet';

const START_TIMEOUT_MS = 120_000;

/**
 * The service's devnet as its users reach it. The master is where the service deployed it: the same owner, key and
 * fee give the same address on any fresh sandbox. The backend key is the one the service generated in its data dir.
 */
async function usersOf(service: RunningService): Promise<DevnetUsers & { owner: Address }> {
    const seed = readFileSync(join(service.dataDir, 'backend-signing-key'), 'utf8').trim();
    const backendKey = keyPairFromSeed(Buffer.from(seed.slice(0, 64), 'hex'));
    const fresh = await Blockchain.create();
    const { master, owner } = await deploySandboxMaster(fresh, { backendPublicKey: backendKey.publicKey });
    const client = new TonClient({ endpoint: service.tonEndpoint });
    return {
        client,
        endpoint: service.tonEndpoint,
        url: service.url,
        master,
        owner: owner.address,
        globalId: sandboxGlobalId(fresh),
        backendKey,
    };
}

/** What toncenter's API tells about each account: balance, state, code, data, last transaction and whole history. */
async function accountsSeen(client: TonClient, addresses: Address[]) {
    return Promise.all(
        addresses.map(async (address) => {
            const state = await client.getContractState(address);
            const history = await client.getTransactions(address, { limit: 100 });
            return {
                address: address.toRawString(),
                balance: state.balance,
                state: state.state,
                code: state.code?.toString('hex') ?? null,
                data: state.data?.toString('hex') ?? null,
                lastTransaction: state.lastTransaction,
                history: history.map((tx) => `${tx.lt}:${tx.hash().toString('hex')}`),
            };
        }),
    );
}

describe('the devnet after a SIGKILL', () => {
    let dataDir: string;
    let running: RunningService | undefined;

    beforeEach(() => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-devnet-crash-'));
    });

    afterEach(async () => {
        if (running) await stopChild(running.child, 5_000);
        running = undefined;
        rmSync(dataDir, { recursive: true, force: true });
    });

    const devnetFile = () => join(dataDir, 'devnet.json');

    async function killed(service: RunningService): Promise<void> {
        const gone = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
        service.child.kill('SIGKILL');
        await gone;
    }

    it(
        'keeps every change it acknowledged',
        async () => {
            running = await startService(dataDir);
            const first = new TonClient({ endpoint: running.tonEndpoint });
            const sender = await localWallet(first, 'v4r2');
            const receiver = await localWallet(first, 'v5r1');
            await faucet(running, sender.address, toNano('5'));
            await sender.transfer([internal({ to: receiver.address, value: toNano('2'), bounce: false })]);
            // Acknowledged: kill at once, with no clean shutdown to save anything.
            await killed(running);

            running = await startService(dataDir);
            const again = new TonClient({ endpoint: running.tonEndpoint });
            expect(await again.getBalance(receiver.address)).toBe(toNano('2'));
            const reopened = await localWallet(again, 'v4r2', sender.mnemonic);
            expect(await reopened.contract.getSeqno()).toBe(1);
            expect(await again.getBalance(sender.address)).toBeLessThan(toNano('3'));
        },
        START_TIMEOUT_MS * 2,
    );

    it(
        'keeps an escrow funded, claimed and closed exactly, transaction links included, and carries on',
        async () => {
            running = await startService(dataDir);
            const users = await usersOf(running);
            const claimed = await fundAndClaim(users, 1n);
            await closeAfterDeadline(claimed);
            const accounts = [users.master, users.owner, claimed.escrow, claimed.requester.address, claimed.executor.address];
            const before = await accountsSeen(users.client, accounts);
            await killed(running);

            // The file holds the links the messages imply: FundTask's to the escrow it deployed, the claim's and the
            // close's to their payouts.
            const saved = (await loadDevnet(devnetFile()))!;
            const savedLinks = transactionLinks(saved);
            expect(savedLinks).toEqual(linksByMessages(saved));

            running = await startService(dataDir);
            const endpoint = running.tonEndpoint;
            const again: DevnetUsers = { ...users, client: new TonClient({ endpoint }), endpoint, url: running.url };
            expect(await accountsSeen(again.client, accounts)).toEqual(before);
            // It carries on: another task funded and claimed, and the first requester's wallet at its next seqno.
            await fundAndClaim(again, 2n);
            const requester = await localWallet(again.client, 'v4r2', claimed.requester.mnemonic);
            await requester.transfer([internal({ to: claimed.executor.address, value: toNano('1'), bounce: false })]);
            expect(await requester.contract.getSeqno()).toBe(3);
            // A clean stop this time: what ran before the restart and after it is all there, every link resolved.
            await stopChild(running.child, 10_000);
            running = undefined;

            const after = (await loadDevnet(devnetFile()))!;
            expect(transactionLinks(after).slice(0, savedLinks.length)).toEqual(savedLinks);
            expect(transactionLinks(after).length).toBeGreaterThan(savedLinks.length);
            expect(transactionLinks(after)).toEqual(linksByMessages(after));
        },
        START_TIMEOUT_MS * 2,
    );
});
