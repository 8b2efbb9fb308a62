// The toncenter v2 subset the devnet serves, read through @ton/ton's TonClient (whose codecs check every answer's
// shape) and through raw HTTP where TonClient does not go: paging, send results, REST forms.
//
// One devnet serves the whole file, to keep it quick; each test works on addresses and wallets of its own.
import { randomBytes } from 'crypto';
import { getNormalizedExtMessageHash } from '@ton/blueprint';
import { Address, beginCell, Cell, external, loadMessage, storeMessage, toNano } from '@ton/core';
import { ServedDevnet, serveDevnet } from './devnetFixture';
import { fundFromFaucet, getJson, postJson, rpc } from './devnetHttp';
import { LocalWallet, localWallet } from './localWallet';

/** An address no message has reached. */
const freshAddress = () => new Address(0, randomBytes(32));

describe('the devnet toncenter API', () => {
    let devnet: ServedDevnet;

    beforeAll(async () => {
        devnet = await serveDevnet();
    });

    afterAll(async () => {
        await devnet.close();
    });

    /** A funded wallet's signed transfer to nowhere, as the external message a wallet app would send. */
    function signedTransfer(wallet: LocalWallet, seqno: number, deployed: boolean): Cell {
        const body = wallet.signTransfer(seqno, []);
        const message = external({ to: wallet.address, init: deployed ? undefined : wallet.contract.init, body });
        return beginCell().store(storeMessage(message)).endCell();
    }

    describe('accounts and get methods', () => {
        it('reports a deployed contract, and an address never used as uninitialized with nothing on it', async () => {
            const { client, blockchain, master } = devnet;

            const state = await client.getContractState(master);
            const account = await blockchain.getContract(master);
            expect(state.state).toBe('active');
            expect(state.balance).toBe(account.balance);
            expect(state.lastTransaction?.lt).toBe(account.lastTransactionLt.toString());
            const stored = account.accountState;
            if (stored?.type !== 'active') throw new Error('the master is not active in the sandbox');
            expect(Cell.fromBoc(state.code!)[0].equals(stored.state.code!)).toBe(true);
            expect(Cell.fromBoc(state.data!)[0].equals(stored.state.data!)).toBe(true);

            const empty = await client.getContractState(freshAddress());
            expect(empty).toMatchObject({ state: 'uninitialized', balance: 0n, code: null, data: null, lastTransaction: null });
        });

        it('answers get methods with their exit code: 11 for a missing getter, -13 on an account without code', async () => {
            const { client, master } = devnet;
            expect((await client.runMethodWithError(master, 'no_such_getter')).exit_code).toBe(11);
            expect((await client.runMethodWithError(freshAddress(), 'seqno')).exit_code).toBe(-13);
            await expect(client.runMethod(master, 'no_such_getter')).rejects.toThrow('exit_code: 11');
        });

        it('names balance, state and wallet details as toncenter does', async () => {
            const { client, url, endpoint } = devnet;
            const wallet = await localWallet(client, 'v4r2');
            await fundFromFaucet(url, wallet.address.toString(), toNano('2'));
            const address = wallet.address.toString();

            expect((await rpc(endpoint, 'getAddressBalance', { address })).body.result).toBe(toNano('2').toString());
            expect((await rpc(endpoint, 'getAddressState', { address })).body.result).toBe('uninitialized');
            expect((await rpc(endpoint, 'getWalletInformation', { address })).body.result).toEqual({
                wallet: false,
                balance: toNano('2').toString(),
                account_state: 'uninitialized',
                last_transaction_id: expect.objectContaining({ '@type': 'internal.transactionId' }),
            });

            await wallet.transfer([]);
            expect((await rpc(endpoint, 'getAddressState', { address })).body.result).toBe('active');
            expect((await rpc(endpoint, 'getWalletInformation', { address })).body.result).toMatchObject({
                wallet: true,
                account_state: 'active',
                wallet_type: 'wallet v4 r2',
                seqno: 1,
                wallet_id: wallet.contract.walletId,
            });
        });

        it('reports a masterchain whose seqno grows with every transaction', async () => {
            const { client, url } = devnet;
            const before = await client.getMasterchainInfo();
            await fundFromFaucet(url, freshAddress().toString(), toNano('1'));
            const after = await client.getMasterchainInfo();
            expect(after.workchain).toBe(-1);
            expect(after.latestSeqno).toBeGreaterThan(before.latestSeqno);
        });
    });

    describe('transaction history', () => {
        /** Five faucet grants to a fresh address: five transactions there, oldest first. */
        async function fiveGrants() {
            const to = freshAddress();
            const grants = [];
            for (let i = 1; i <= 5; i++) grants.push(await fundFromFaucet(devnet.url, to.toString(), BigInt(i) * toNano('1')));
            return { to, grants };
        }

        it('pages newest first from an (lt, hash), as TonClient asks for pages', async () => {
            const { client } = devnet;
            const { to: account, grants } = await fiveGrants();
            const newestFirst = grants.map((g) => g.hash).reverse();

            const first = await client.getTransactions(account, { limit: 2 });
            const last = first[first.length - 1];
            const second = await client.getTransactions(account, {
                limit: 2,
                lt: last.lt.toString(),
                hash: last.hash().toString('base64'),
            });
            const anchor = second[second.length - 1];
            const third = await client.getTransactions(account, {
                limit: 2,
                lt: anchor.lt.toString(),
                hash: anchor.hash().toString('base64'),
                inclusive: true,
                archival: true,
            });

            const hex = (page: typeof first) => page.map((tx) => tx.hash().toString('hex'));
            expect([...hex(first), ...hex(second), ...hex(third).slice(1)]).toEqual(newestFirst);
            expect(third).toHaveLength(2);
        });

        it('stops before to_lt, and finds one transaction by lt and hash', async () => {
            const { client } = devnet;
            const { to: account, grants } = await fiveGrants();

            const after = await client.getTransactions(account, { limit: 10, to_lt: grants[1].lt });
            expect(after.map((tx) => tx.hash().toString('hex'))).toEqual(grants.slice(2).map((g) => g.hash).reverse());

            const third = await client.getTransaction(account, grants[2].lt, Buffer.from(grants[2].hash, 'hex').toString('base64'));
            expect(third?.lt.toString()).toBe(grants[2].lt);
        });

        it('answers an (lt, hash) that names no transaction there with a liteserver error', async () => {
            const { grants } = await fiveGrants();
            const answer = await rpc(devnet.endpoint, 'getTransactions', {
                address: devnet.master.toString(),
                lt: grants[0].lt,
                hash: grants[0].hash,
            });
            expect(answer.status).toBe(500);
            expect(answer.body).toMatchObject({ ok: false, code: 500 });
            expect(answer.body.error).toMatch(/^LITE_SERVER_UNKNOWN: transaction .* not found/);
        });
    });

    describe('sending', () => {
        it('returns the message hash and the normalized hash Blueprint waits for', async () => {
            const { client, url, endpoint } = devnet;
            const wallet = await localWallet(client, 'v5r1');
            await fundFromFaucet(url, wallet.address.toString(), toNano('2'));
            const boc = signedTransfer(wallet, 0, false);

            const answer = await rpc(endpoint, 'sendBocReturnHash', { boc: boc.toBoc().toString('base64') });

            expect(answer.status).toBe(200);
            const normalized = getNormalizedExtMessageHash(loadMessage(boc.beginParse()));
            expect(answer.body.result).toEqual({
                '@type': 'raw.extMessageInfo',
                hash: boc.hash().toString('base64'),
                hash_norm: normalized.toString('base64'),
            });
            const [applied] = await client.getTransactions(wallet.address, { limit: 1 });
            expect(getNormalizedExtMessageHash(applied.inMessage!).equals(normalized)).toBe(true);
        });

        it('refuses an external message the wallet does not accept, as toncenter does, and changes nothing', async () => {
            const { client, url, endpoint } = devnet;
            const wallet = await localWallet(client, 'v4r2');
            await fundFromFaucet(url, wallet.address.toString(), toNano('2'));
            await wallet.transfer([]);
            const stale = signedTransfer(wallet, 0, true);

            const answer = await rpc(endpoint, 'sendBoc', { boc: stale.toBoc().toString('base64') });

            expect(answer.status).toBe(500);
            expect(answer.body).toMatchObject({
                ok: false,
                code: 500,
                error: expect.stringMatching(/^LITE_SERVER_UNKNOWN: cannot apply external message to current state/),
            });
            await expect(client.sendFile(stale.toBoc())).rejects.toThrow('status code 500');
            expect(await wallet.contract.getSeqno()).toBe(1);
        });

        it('runs sends that arrive together one after another, each answered with its own outcome', async () => {
            const { client, url } = devnet;
            const wallet = await localWallet(client, 'v4r2');
            await fundFromFaucet(url, wallet.address.toString(), toNano('5'));
            const targets = [freshAddress(), freshAddress(), freshAddress()];

            const [, ...grants] = await Promise.all([
                wallet.transfer([]),
                ...targets.map((to) => fundFromFaucet(url, to.toString(), toNano('1'))),
            ]);

            for (const [i, to] of targets.entries()) {
                const [tx] = await client.getTransactions(to, { limit: 1 });
                expect(tx.hash().toString('hex')).toBe(grants[i].hash);
                expect(await client.getBalance(to)).toBe(toNano('1'));
            }
            expect(await wallet.contract.getSeqno()).toBe(1);
        });
    });

    describe('REST forms', () => {
        it('serves read methods with GET and a query string, as toncenter does', async () => {
            const { url, master } = devnet;
            const account = freshAddress();
            const grant = await fundFromFaucet(url, account.toString(), toNano('1'));
            const address = encodeURIComponent(account.toString());

            const info = await getJson(`${url}/api/v2/getAddressInformation?address=${address}&api_key=ignored`);
            expect(info.status).toBe(200);
            expect(info.body).toMatchObject({ ok: true, result: { state: 'uninitialized', balance: toNano('1').toString() } });

            const query = `address=${address}&limit=1&lt=${grant.lt}&hash=${grant.hash}&archival=true`;
            const page = await getJson(`${url}/api/v2/getTransactions?${query}`);
            expect(page.body.result.map((tx: { transaction_id: { lt: string } }) => tx.transaction_id.lt)).toEqual([grant.lt]);

            const run = await postJson(`${url}/api/v2/runGetMethod`, { address: master.toString(), method: 'config', stack: [] });
            expect(run.body).toMatchObject({ ok: true, result: { '@type': 'smc.runResult', exit_code: 0 } });
        });

        it('refuses the wrong verb with 405 and unknown methods with 404', async () => {
            const { url } = devnet;
            expect(await getJson(`${url}/api/v2/sendBoc`)).toEqual({
                status: 405,
                body: { ok: false, code: 405, error: 'Method Not Allowed: sendBoc takes POST' },
            });
            expect((await getJson(`${url}/api/v2/jsonRPC`)).status).toBe(405);
            const unknown = await getJson(`${url}/api/v2/getBlockHeader?workchain=-1`);
            expect(unknown).toMatchObject({ status: 404, body: { ok: false, code: 404 } });
        });
    });
});
