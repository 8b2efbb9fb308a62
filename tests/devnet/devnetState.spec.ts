// A devnet saved to a file and loaded again carries on where it stopped: accounts, wallets' seqnos, escrows and
// their histories, the faucet, logical time. Saving is atomic and waits for sends in progress.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { toNano } from '@ton/core';
import { Blockchain, snapshotToSerializable } from '@ton/sandbox';
import { sandboxGlobalId } from '../../devnet/src/networkConfig';
import { tonClientChain } from '../../backend/src/chain/tonClientChain';
import { loadDevnet, saveDevnet } from '../../devnet/src/devnetState';
import { fundingTransaction } from '../../wrappers/tonConnect';
import { plain } from '../helpers/plain';
import { chainRecord, linksByMessages, transactionLinks } from './chainRecord';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { fundFromFaucet } from './devnetHttp';
import { closeAfterDeadline, fundAndClaim } from './escrowLifecycle';
import { localWallet } from './localWallet';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('devnet state', () => {
    let dir: string;
    let file: string;
    let devnet: ServedDevnet;
    let restored: ServedDevnet | undefined;

    beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), 'gstd-devnet-'));
        file = join(dir, 'devnet.json');
        devnet = await serveDevnet();
    });

    afterEach(async () => {
        await devnet.close();
        await restored?.close();
        restored = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    it('a devnet saved and loaded carries on where it stopped', async () => {
        const { client, url, master, globalId, chain } = devnet;
        const requester = await localWallet(client, 'v4r2');
        await fundFromFaucet(url, requester.address.toString(), toNano('10'));
        const terms = { taskId: 3n, budget: toNano('2'), maxResults: 2n, deadline: BigInt(nowSeconds() + 3600) };
        await requester.sendTonConnect(fundingTransaction(master, terms, globalId, nowSeconds() + 300));
        const escrow = await chain.escrowAddress(terms.taskId);
        const escrowBefore = (await chain.escrowState(escrow))!;
        expect(escrowBefore).not.toBeNull();
        const masterBefore = await chain.masterConfig();
        const historyBefore = await client.getTransactions(requester.address, { limit: 10 });
        const faucetBalance = await client.getBalance(devnet.faucet.address);
        const ltBefore = devnet.blockchain.lt;

        await saveDevnet(devnet.blockchain, file);
        await devnet.close();
        const loaded = await loadDevnet(file);
        restored = await serveDevnet(loaded!);
        const again = restored.client;
        const chainAgain = tonClientChain({ endpoint: restored.endpoint, master, globalId: sandboxGlobalId(loaded!) });

        expect(plain(await chainAgain.masterConfig())).toEqual(plain(masterBefore));
        expect(plain((await chainAgain.escrowState(escrow))!)).toEqual(plain(escrowBefore));
        const historyAfter = await again.getTransactions(requester.address, { limit: 10 });
        expect(historyAfter.map((tx) => tx.hash().toString('hex'))).toEqual(historyBefore.map((tx) => tx.hash().toString('hex')));
        expect(restored.faucet.address.equals(devnet.faucet.address)).toBe(true);
        expect(await again.getBalance(restored.faucet.address)).toBe(faucetBalance);

        const wallet = await localWallet(again, 'v4r2', requester.mnemonic);
        expect(await wallet.contract.getSeqno()).toBe(1);
        await wallet.transfer([]);
        const [latest] = await again.getTransactions(requester.address, { limit: 1 });
        expect(latest.lt).toBeGreaterThan(ltBefore);
    });

    it('a devnet whose escrow was funded, claimed and closed comes back exactly, saves again and carries on', async () => {
        await closeAfterDeadline(await fundAndClaim(devnet, 4n));
        // The messages say which transaction started which; the sandbox's links agree before any save.
        expect(transactionLinks(devnet.blockchain)).toEqual(linksByMessages(devnet.blockchain));
        const before = chainRecord(devnet.blockchain);

        await saveDevnet(devnet.blockchain, file);
        await devnet.close();
        const loaded = (await loadDevnet(file))!;
        expect(chainRecord(loaded)).toEqual(before);
        // A restarted devnet saves first thing: the loaded chain saves, and loads again, unchanged.
        await saveDevnet(loaded, file);
        const reloaded = (await loadDevnet(file))!;
        expect(chainRecord(reloaded)).toEqual(before);

        restored = await serveDevnet(reloaded);
        const { client, endpoint, url } = restored;
        await fundAndClaim({ ...devnet, client, endpoint, url }, 5n);
        const after = chainRecord(reloaded);
        expect(after.transactions.slice(0, before.transactions.length)).toEqual(before.transactions);
        expect(after.transactions.length).toBeGreaterThan(before.transactions.length);
        expect(transactionLinks(reloaded)).toEqual(linksByMessages(reloaded));
    });

    it('saving waits for the send in progress, so the file holds its outcome', async () => {
        const to = (await localWallet(devnet.client, 'v5r1')).address;
        // The grant is under way (its turn on the chain taken) but not finished when the save is asked for.
        const grant = devnet.faucet.fund(to, toNano('3'));
        await Promise.all([grant, saveDevnet(devnet.blockchain, file)]);

        restored = await serveDevnet((await loadDevnet(file))!);
        expect(await restored.client.getBalance(to)).toBe(toNano('3'));
    });

    it('replaces the file whole and leaves no temporary file behind', async () => {
        await saveDevnet(devnet.blockchain, file);
        await fundFromFaucet(devnet.url, devnet.owner.toString(), toNano('1'));
        await saveDevnet(devnet.blockchain, file);

        expect(readdirSync(dir)).toEqual(['devnet.json']);
        const loaded = (await loadDevnet(file))!;
        expect(loaded.lt).toBe(devnet.blockchain.lt);
    });
});

describe('loading devnet state', () => {
    let dir: string;
    let file: string;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'gstd-devnet-'));
        file = join(dir, 'devnet.json');
    });

    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('loads nothing when there is no file, and refuses a file that is not a saved devnet', async () => {
        expect(await loadDevnet(join(dir, 'missing.json'))).toBeNull();

        writeFileSync(file, '{"format": "gstd-devnet/2", ');
        await expect(loadDevnet(file)).rejects.toThrow(`devnet state ${file} is not JSON`);

        writeFileSync(file, JSON.stringify({ format: 'something-else', snapshot: {} }));
        await expect(loadDevnet(file)).rejects.toThrow(`devnet state ${file} has format "something-else", expected "gstd-devnet/2"`);

        writeFileSync(file, JSON.stringify({ format: 'gstd-devnet/2', snapshot: { contracts: 'none' } }));
        await expect(loadDevnet(file)).rejects.toThrow(`devnet state ${file} does not hold a sandbox snapshot`);
    });

    /** A file as version 1 wrote it: the sandbox's own serialization, transactions re-encoded. */
    function writeVersion1(blockchain: Blockchain) {
        const snapshot = snapshotToSerializable(blockchain.snapshot());
        writeFileSync(file, JSON.stringify({ format: 'gstd-devnet/1', savedAt: new Date().toISOString(), snapshot }));
    }

    it('refuses a version 1 file whose re-encoding lost a link, as one with a funded escrow did', async () => {
        const devnet = await serveDevnet();
        await fundAndClaim(devnet, 6n);
        writeVersion1(devnet.blockchain);
        await devnet.close();

        const refusal = `devnet state ${file} names transaction [0-9a-f]{64} as a parent or child, but holds no transaction`;
        await expect(loadDevnet(file)).rejects.toThrow(new RegExp(refusal));
    });

    it('reads a version 1 file whose links all resolve', async () => {
        const devnet = await serveDevnet();
        await fundFromFaucet(devnet.url, devnet.owner.toString(), toNano('1'));
        writeVersion1(devnet.blockchain);
        await devnet.close();

        const loaded = (await loadDevnet(file))!;
        expect(chainRecord(loaded)).toEqual(chainRecord(devnet.blockchain));
    });
});
