// The injected test wallet's own parts, without a browser: its ton_proof is one the service's verifier accepts, the
// transfers it signs are ones the wallet contracts accept, and its "user" can refuse or be too slow.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { beginCell, Cell, loadMessage, toNano } from '@ton/core';
import { Blockchain, SandboxContract, TreasuryContract } from '@ton/sandbox';
import '@ton/test-utils';
import type { ConnectEventSuccess, TonAddressItemReply, TonProofItemReplySuccess } from '@tonconnect/protocol';
import { verifyTonProof } from '../../backend/src/auth';
import { signedExternalTransfer } from './harness/externalTransfer';
import { BAD_REQUEST_ERROR, TestWallet, USER_REJECTS_ERROR } from './harness/testWallet';
import { signTonProof } from './harness/tonProofReply';

const DOMAIN = '127.0.0.1:8080';
const PAYLOAD = 'ab'.repeat(32);
// Nothing in these tests reaches it: answers that need the chain are tested in the sandbox.
const NO_ENDPOINT = 'http://127.0.0.1:9/api/v2/jsonRPC';
const now = () => Math.floor(Date.now() / 1000);

/** What the page sends to POST /api/v1/auth/verify, from the wallet's ton_addr and ton_proof items. */
function proofRequest(wallet: TestWallet, signedFor: string, presentedAs: string) {
    const account = wallet.addressItem();
    const { proof } = signTonProof({ address: wallet.address, domain: signedFor, payload: PAYLOAD, timestamp: now() }, wallet.wallet.keyPair.secretKey);
    return {
        address: account.address,
        network: account.network,
        publicKey: account.publicKey,
        proof: { ...proof, domain: { lengthBytes: Buffer.byteLength(presentedAs), value: presentedAs }, stateInit: account.walletStateInit },
    };
}

const policy = { allowedDomains: [DOMAIN, 'other.example'], maxAgeSeconds: 300, now, consumeNonce: () => true };

describe('the test wallet', () => {
    // The dApp's manifest, which the wallet reads for the domain it signs.
    let site: Server;
    let manifestUrl: string;
    let siteDomain: string;

    beforeAll(async () => {
        site = createServer((_request, response) => {
            response.setHeader('content-type', 'application/json');
            response.end(JSON.stringify({ url: `http://${siteDomain}`, name: 'test dApp', iconUrl: `http://${siteDomain}/icon.svg` }));
        });
        await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
        siteDomain = `127.0.0.1:${(site.address() as AddressInfo).port}`;
        manifestUrl = `http://${siteDomain}/tonconnect-manifest.json`;
    });

    afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

    async function connected(wallet: TestWallet): Promise<ConnectEventSuccess> {
        const event = await wallet.connect({ manifestUrl, items: [{ name: 'ton_addr' }, { name: 'ton_proof', payload: PAYLOAD }] });
        if (event.event !== 'connect') throw new Error(`the wallet did not connect: ${JSON.stringify(event)}`);
        return event;
    }

    for (const version of ['v4', 'v5r1'] as const) {
        it(`connects with a ton_proof for the manifest's host that the service verifies (${version})`, async () => {
            const wallet = await TestWallet.create('proof', NO_ENDPOINT, { version });
            const { payload } = await connected(wallet);
            const account = payload.items.find((i) => i.name === 'ton_addr') as TonAddressItemReply;
            const { proof } = payload.items.find((i) => i.name === 'ton_proof') as TonProofItemReplySuccess;
            expect(proof.domain).toEqual({ lengthBytes: siteDomain.length, value: siteDomain });
            const request = { address: account.address, network: account.network, publicKey: account.publicKey, proof: { ...proof, stateInit: account.walletStateInit } };
            const verdict = verifyTonProof(request, { ...policy, allowedDomains: [siteDomain] });
            expect(verdict).toMatchObject({ ok: true, walletVersion: version === 'v4' ? 'v4r2' : 'v5r1', network: -239 });
            expect(verdict.ok && verdict.address.equals(wallet.address)).toBe(true);
            expect(wallet.restoreConnection()).toMatchObject({ event: 'connect', payload: { items: [account] } });
        });
    }

    it('signs the domain into the proof: presented for another domain, it does not verify', async () => {
        const wallet = await TestWallet.create('proof', NO_ENDPOINT);
        expect(verifyTonProof(proofRequest(wallet, DOMAIN, DOMAIN), policy)).toMatchObject({ ok: true });
        expect(verifyTonProof(proofRequest(wallet, DOMAIN, 'other.example'), policy)).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    });

    it('answers a connection its user declines with USER_REJECTS, and stays disconnected', async () => {
        const wallet = await TestWallet.create('declining', NO_ENDPOINT);
        wallet.user.connect = 'reject';
        const event = await wallet.connect({ manifestUrl, items: [{ name: 'ton_addr' }] });
        expect(event).toMatchObject({ event: 'connect_error', payload: { code: USER_REJECTS_ERROR } });
        expect(wallet.restoreConnection().event).toBe('connect_error');
    });

    it("answers a transaction its user declines with TonConnect's USER_REJECTS, and sends nothing", async () => {
        const wallet = await TestWallet.create('rejecting', NO_ENDPOINT);
        await connected(wallet);
        wallet.user.sendTransaction = 'reject';
        const answer = await wallet.send(sendRequest(wallet, now() + 60));
        expect(answer).toEqual({ id: '7', error: { code: USER_REJECTS_ERROR, message: expect.any(String) } });
        expect(wallet.sentBocs).toEqual([]);
    });

    it('refuses a transaction whose valid_until passed while its user was thinking', async () => {
        const wallet = await TestWallet.create('slow', NO_ENDPOINT);
        await connected(wallet);
        wallet.user.thinkMs = 1_100;
        const answer = await wallet.send(sendRequest(wallet, now() + 1));
        expect(answer).toEqual({ id: '7', error: { code: BAD_REQUEST_ERROR, message: expect.stringMatching(/expired/) } });
        expect(wallet.sentBocs).toEqual([]);
    });

    it('refuses to send for a page that is not connected, or no longer', async () => {
        const wallet = await TestWallet.create('stranger', NO_ENDPOINT);
        expect(await wallet.send(sendRequest(wallet, now() + 60))).toMatchObject({ error: { code: BAD_REQUEST_ERROR } });
        await connected(wallet);
        wallet.disconnect();
        expect(await wallet.send(sendRequest(wallet, now() + 60))).toMatchObject({ error: { code: BAD_REQUEST_ERROR } });
    });
});

describe('the transfers the test wallet signs', () => {
    let blockchain: Blockchain;
    let faucet: SandboxContract<TreasuryContract>;
    let recipient: SandboxContract<TreasuryContract>;

    beforeEach(async () => {
        blockchain = await Blockchain.create();
        faucet = await blockchain.treasury('faucet');
        recipient = await blockchain.treasury('recipient');
    });

    const comment = beginCell().storeUint(0, 32).storeStringTail('hello').endCell();
    const params = (validUntil: number) => ({
        valid_until: validUntil,
        messages: [{ address: recipient.address.toString({ bounceable: false }), amount: toNano('0.5').toString(), payload: comment.toBoc().toString('base64') }],
    });
    const send = (external: Cell) => blockchain.sendMessage(loadMessage(external.beginParse()));

    for (const version of ['v4', 'v5r1'] as const) {
        it(`deploy the wallet with its first transfer and carry every message (${version})`, async () => {
            const wallet = await TestWallet.create('payer', NO_ENDPOINT, { version });
            await faucet.send({ to: wallet.address, value: toNano('2'), bounce: false });
            for (const seqno of [0, 1]) {
                const result = await send(signedExternalTransfer(wallet.wallet, seqno, params(now() + 60), now()));
                expect(result.transactions).toHaveTransaction({ from: wallet.address, to: recipient.address, value: toNano('0.5'), body: comment, success: true });
            }
            expect((await blockchain.getContract(wallet.address)).accountState?.type).toBe('active');
        });
    }

    it('are refused by the wallet contract once valid_until has passed', async () => {
        const wallet = await TestWallet.create('late', NO_ENDPOINT);
        await faucet.send({ to: wallet.address, value: toNano('2'), bounce: false });
        await send(signedExternalTransfer(wallet.wallet, 0, params(now() + 60), now()));
        await expect(send(signedExternalTransfer(wallet.wallet, 1, params(now() - 1), now()))).rejects.toThrow();
    });
});

function sendRequest(wallet: TestWallet, validUntil: number) {
    const message = { address: wallet.address.toString(), amount: '1000' };
    return { method: 'sendTransaction' as const, id: '7', params: [JSON.stringify({ valid_until: validUntil, messages: [message] })] as [string] };
}
