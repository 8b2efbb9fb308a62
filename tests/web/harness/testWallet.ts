// The wallet app behind the injected test wallet: a real V4 or V5R1 wallet on the devnet whose keys never leave
// Node. It answers TonConnect's JS-bridge calls as a wallet app would — a `ton_proof` signed for the dApp's domain,
// real transfers sent to the devnet's toncenter API — and the test decides what its "user" does.
import { beginCell, storeStateInit } from '@ton/core';
import { mnemonicNew, mnemonicToPrivateKey } from '@ton/crypto';
import { TonClient } from '@ton/ton';
import type {
    AppRequest,
    ConnectEvent,
    ConnectRequest,
    DeviceInfo,
    RpcMethod,
    TonAddressItemReply,
    TonProofItem,
} from '@tonconnect/protocol';
import { NETWORK_GLOBAL_IDS, TonNetwork, walletFromKeys, WalletVersion, WorkerWallet } from '../../../client/wallet';
import { SendTransactionParams, signedExternalTransfer } from './externalTransfer';
import { signTonProof } from './tonProofReply';

// TonConnect's error codes (CONNECT_EVENT_ERROR_CODES, SEND_TRANSACTION_ERROR_CODES), the ones this wallet answers.
export const UNKNOWN_ERROR = 0;
export const BAD_REQUEST_ERROR = 1;
export const MANIFEST_NOT_FOUND_ERROR = 2;
export const USER_REJECTS_ERROR = 300;
export const METHOD_NOT_SUPPORTED = 400;

export const TEST_WALLET_DEVICE: DeviceInfo = {
    platform: 'browser',
    appName: 'gstd-test-wallet',
    appVersion: '1.0.0',
    maxProtocolVersion: 2,
    features: ['SendTransaction', { name: 'SendTransaction', maxMessages: 4 }],
};

/** What the wallet's user does when asked. */
export interface WalletUser {
    connect: 'approve' | 'reject';
    sendTransaction: 'approve' | 'reject';
    /** How long the user looks at a transaction before answering. */
    thinkMs: number;
    /** The user answers only once the request's valid_until has passed. */
    thinkPastValidUntil: boolean;
}

/** A JS-bridge `send` answer: TonConnect's WalletResponse, with the error codes as plain numbers. */
export type BridgeResponse = { id: string; result: unknown } | { id: string; error: { code: number; message: string } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

export class TestWallet {
    readonly user: WalletUser = { connect: 'approve', sendTransaction: 'approve', thinkMs: 0, thinkPastValidUntil: false };
    /** Every transaction request the wallet received, parsed, in order; and the BOCs of those it sent. */
    readonly requests: SendTransactionParams[] = [];
    readonly sentBocs: string[] = [];
    private connected = false;
    private eventId = 0;

    private constructor(
        readonly name: string,
        readonly wallet: WorkerWallet,
        private readonly client: TonClient,
    ) {}

    /**
     * A fresh key, as a new wallet app user has. `network` is the one the wallet says it is on (the devnet's global id
     * is mainnet's); a V5R1 wallet's address depends on it too.
     */
    static async create(name: string, tonEndpoint: string, options: { version?: WalletVersion; network?: TonNetwork } = {}): Promise<TestWallet> {
        const keyPair = await mnemonicToPrivateKey(await mnemonicNew());
        const wallet = walletFromKeys(keyPair, options.version ?? 'v4', options.network ?? 'mainnet');
        return new TestWallet(name, wallet, new TonClient({ endpoint: tonEndpoint }));
    }

    get address() {
        return this.wallet.address;
    }

    get isConnected(): boolean {
        return this.connected;
    }

    addressItem(): TonAddressItemReply {
        const stateInit = beginCell().store(storeStateInit(this.wallet.contract.init)).endCell();
        return {
            name: 'ton_addr',
            address: this.wallet.address.toRawString(),
            network: String(NETWORK_GLOBAL_IDS[this.wallet.network]),
            walletStateInit: stateInit.toBoc().toString('base64'),
            publicKey: this.wallet.keyPair.publicKey.toString('hex'),
        };
    }

    async connect(request: ConnectRequest): Promise<ConnectEvent> {
        const id = ++this.eventId;
        const domain = await manifestDomain(request.manifestUrl);
        if (!domain) return { event: 'connect_error', id, payload: { code: MANIFEST_NOT_FOUND_ERROR, message: 'the manifest could not be read' } };
        if (this.user.connect === 'reject') return { event: 'connect_error', id, payload: { code: USER_REJECTS_ERROR, message: 'User declined the connection' } };
        const proofItem = request.items.find((item): item is TonProofItem => item.name === 'ton_proof');
        const items: (TonAddressItemReply | ReturnType<typeof signTonProof>)[] = [this.addressItem()];
        if (proofItem) {
            const fields = { address: this.wallet.address, domain, payload: proofItem.payload, timestamp: nowSeconds() };
            items.push(signTonProof(fields, this.wallet.keyPair.secretKey));
        }
        this.connected = true;
        return { event: 'connect', id, payload: { items, device: TEST_WALLET_DEVICE } };
    }

    /** What a page that connected before gets back on load: the account again, without a proof. */
    restoreConnection(): ConnectEvent {
        const id = ++this.eventId;
        if (!this.connected) return { event: 'connect_error', id, payload: { code: UNKNOWN_ERROR, message: 'not connected' } };
        return { event: 'connect', id, payload: { items: [this.addressItem()], device: TEST_WALLET_DEVICE } };
    }

    disconnect(): void {
        this.connected = false;
    }

    async send(request: AppRequest<RpcMethod>): Promise<BridgeResponse> {
        const { id } = request;
        if (request.method === 'disconnect') {
            this.disconnect();
            return { id, result: {} };
        }
        if (request.method !== 'sendTransaction') return { id, error: { code: METHOD_NOT_SUPPORTED, message: `${request.method} is not supported` } };
        if (!this.connected) return { id, error: { code: BAD_REQUEST_ERROR, message: 'the dApp is not connected' } };
        const params = JSON.parse(request.params[0]) as SendTransactionParams;
        this.requests.push(params);
        await sleep(this.user.thinkMs);
        if (this.user.thinkPastValidUntil && params.valid_until !== undefined) await sleep((params.valid_until + 1) * 1000 - Date.now());
        if (this.user.sendTransaction === 'reject') return { id, error: { code: USER_REJECTS_ERROR, message: 'User declined the transaction' } };
        // Wallet apps refuse a request whose time has passed instead of signing something the chain will refuse.
        if (params.valid_until !== undefined && nowSeconds() >= params.valid_until) {
            return { id, error: { code: BAD_REQUEST_ERROR, message: 'Request expired: valid_until has passed' } };
        }
        try {
            return { id, result: await this.sendTransfer(params) };
        } catch (err) {
            return { id, error: { code: UNKNOWN_ERROR, message: `the network refused the transaction: ${(err as Error).message}` } };
        }
    }

    /** Signs and sends the request's messages; the devnet has run them by the time it answers. Returns the BOC. */
    async sendTransfer(params: SendTransactionParams): Promise<string> {
        const seqno = await this.client.open(this.wallet.contract).getSeqno();
        const boc = signedExternalTransfer(this.wallet, seqno, params, nowSeconds()).toBoc();
        await this.client.sendFile(boc);
        const base64 = boc.toString('base64');
        this.sentBocs.push(base64);
        return base64;
    }
}

/** The dApp's domain as the wallet sees it: the host of the `url` its manifest names. */
async function manifestDomain(manifestUrl: string): Promise<string | undefined> {
    try {
        const manifest = (await (await fetch(manifestUrl)).json()) as { url?: unknown };
        return typeof manifest.url === 'string' ? new URL(manifest.url).host : undefined;
    } catch {
        return undefined;
    }
}
