// The devnet program survives a crash as the service's store does: it is SIGKILLed right after it acknowledged a
// faucet grant and a wallet transfer, or a whole escrow's life (the master deployed at start, a task funded, claimed
// and closed), and the devnet restarted on the same data directory still has all of it, exactly, and carries on.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address, internal, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { TonClient } from '@ton/ton';
import { RunningDevnet, stopDevnet } from '../../devnet/devnetProcess';
import { loadDevnet } from '../../devnet/src/devnetState';
import { linksByMessages, transactionLinks } from './chainRecord';
import { killed, startDevnetChild } from './devnetChild';
import { fundFromFaucet } from './devnetHttp';
import { closeAfterDeadline, DevnetUsers, fundAndClaim } from './escrowLifecycle';
import { localWallet } from './localWallet';

const backendKey = keyPairFromSeed(Buffer.alloc(32, 11));
/** Two starts of the devnet and a whole escrow's life, on a busy machine. */
const TEST_TIMEOUT_MS = 240_000;

/** The devnet as its users reach it: the master and global id it reports, and the backend key it was started with. */
function usersOf(devnet: RunningDevnet): DevnetUsers & { owner: Address } {
    return {
        client: new TonClient({ endpoint: devnet.endpoint }),
        endpoint: devnet.endpoint,
        url: devnet.url,
        master: Address.parse(devnet.info.master),
        owner: Address.parse(devnet.info.owner),
        globalId: devnet.info.global_id,
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
    let running: RunningDevnet | undefined;

    beforeEach(() => {
        dataDir = mkdtempSync(join(tmpdir(), 'gstd-devnet-crash-'));
    });

    afterEach(async () => {
        if (running) await stopDevnet(running.child, 5_000);
        running = undefined;
        rmSync(dataDir, { recursive: true, force: true });
    });

    const devnetFile = () => join(dataDir, 'devnet.json');

    it(
        'keeps every change it acknowledged',
        async () => {
            running = await startDevnetChild(dataDir, backendKey.publicKey);
            const first = new TonClient({ endpoint: running.endpoint });
            const sender = await localWallet(first, 'v4r2');
            const receiver = await localWallet(first, 'v5r1');
            await fundFromFaucet(running.url, sender.address.toString(), toNano('5'));
            await sender.transfer([internal({ to: receiver.address, value: toNano('2'), bounce: false })]);
            // Acknowledged: kill at once, with no clean shutdown to save anything.
            await killed(running);

            running = await startDevnetChild(dataDir, backendKey.publicKey);
            const again = new TonClient({ endpoint: running.endpoint });
            expect(await again.getBalance(receiver.address)).toBe(toNano('2'));
            const reopened = await localWallet(again, 'v4r2', sender.mnemonic);
            expect(await reopened.contract.getSeqno()).toBe(1);
            expect(await again.getBalance(sender.address)).toBeLessThan(toNano('3'));
        },
        TEST_TIMEOUT_MS,
    );

    it(
        'keeps an escrow funded, claimed and closed exactly, transaction links included, and carries on',
        async () => {
            running = await startDevnetChild(dataDir, backendKey.publicKey);
            const users = usersOf(running);
            const info = running.info;
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

            running = await startDevnetChild(dataDir, backendKey.publicKey);
            expect(running.info).toEqual(info);
            const again: DevnetUsers = usersOf(running);
            expect(await accountsSeen(again.client, accounts)).toEqual(before);
            // It carries on: another task funded and claimed, and the first requester's wallet at its next seqno.
            await fundAndClaim(again, 2n);
            const requester = await localWallet(again.client, 'v4r2', claimed.requester.mnemonic);
            await requester.transfer([internal({ to: claimed.executor.address, value: toNano('1'), bounce: false })]);
            expect(await requester.contract.getSeqno()).toBe(3);
            // A clean stop this time: what ran before the restart and after it is all there, every link resolved.
            await stopDevnet(running.child);
            running = undefined;

            const after = (await loadDevnet(devnetFile()))!;
            expect(transactionLinks(after).slice(0, savedLinks.length)).toEqual(savedLinks);
            expect(transactionLinks(after).length).toBeGreaterThan(savedLinks.length);
            expect(transactionLinks(after)).toEqual(linksByMessages(after));
        },
        TEST_TIMEOUT_MS,
    );
});
