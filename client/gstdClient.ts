// The service's API for integrators, one typed method per route: what a requester, a worker or a dashboard calls.
// Requests and answers are the protocol's types (protocol/); every refusal is a ServiceError with the service's
// stable code. It logs in with a wallet (ton_proof) and logs in again when the session runs out, or uses a token
// obtained elsewhere.
import { KeyPair } from '@ton/crypto';
import {
    ClaimedTask,
    ClaimRequest,
    CloseTransaction,
    CreatedTask,
    CreateTaskRequest,
    DeviceList,
    DeviceView,
    EscrowState,
    OfferList,
    OffersQuery,
    PayoutEntry,
    PayoutIntent,
    PayoutIntentRequest,
    PayoutList,
    PayoutListQuery,
    RegisterDeviceRequest,
    ResultReceipt,
    ResultRequest,
    SessionInfo,
    StoredModule,
    TaskList,
    TaskListQuery,
    TaskResults,
    TaskView,
} from '../protocol';
import { HttpRequest, HttpTransport, DEFAULT_HTTP_TIMEOUT_MS } from './httpTransport';
import { DEFAULT_HUB_TIMING, HubConnection, HubTiming, hubUrlOf } from './hubConnection';
import { OpenHubSocket } from './hubSocket';
import { ServiceApi, SessionTokens } from './serviceApi';
import { ServiceSession } from './serviceSession';
import { fixedTokenSession } from './tokenSession';
import { mnemonicWords, TonNetwork, walletFromKeys, walletFromMnemonic, WalletVersion, WorkerWallet } from './wallet';

export interface GstdClientOptions {
    /** The service, e.g. http://127.0.0.1:8080 */
    serviceUrl: string;
    /** The domain the ton_proof names; it must be in the service's TON_PROOF_DOMAINS. Default: the service URL's host. */
    proofDomain?: string;
    /** How long one HTTP call may take. */
    timeoutMs?: number;
    /** Unix seconds, for the ton_proof's timestamp; the system clock by default. */
    nowSeconds?: () => number;
}

export interface HubOptions {
    /** How the socket is opened: openNodeHubSocket (client/nodeHubSocket) in Node, a WebSocket-based one in a page. */
    openSocket: OpenHubSocket;
    timing?: HubTiming;
}

/** A query string from the defined fields of `query`; empty when there are none. */
function queryString(query: object): string {
    const pairs = Object.entries(query).filter(([, value]) => value !== undefined);
    return pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&')}`;
}

/** The items of every page of a list, following `next_cursor` until it is null. */
async function* everyItem<Page extends { next_cursor: string | null }, Item>(
    read: (cursor: string | undefined) => Promise<Page>,
    items: (page: Page) => Item[],
): AsyncGenerator<Item> {
    let cursor: string | undefined;
    do {
        const page = await read(cursor);
        yield* items(page);
        cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
}

export class GstdClient {
    /** The calls the worker and the browser engine share (devices, offers, results, intents, module bytes). */
    readonly api: ServiceApi;

    private constructor(
        private readonly options: GstdClientOptions,
        private readonly http: HttpTransport,
        private readonly session: SessionTokens & { renew?(): Promise<string> },
        /** The wallet this client logged in with; null for a client built from a token. */
        readonly wallet: WorkerWallet | null,
    ) {
        this.api = new ServiceApi(http, session);
    }

    /** A client that logs in with `wallet` (ton_proof) on its first call, and again whenever the session runs out. */
    static withWallet(options: GstdClientOptions, wallet: WorkerWallet): GstdClient {
        const http = new HttpTransport(options.serviceUrl, options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
        const session = new ServiceSession(http, wallet, options.proofDomain ?? new URL(options.serviceUrl).host, options.nowSeconds);
        return new GstdClient(options, http, session, wallet);
    }

    static withKeyPair(options: GstdClientOptions, keyPair: KeyPair, version: WalletVersion, network: TonNetwork): GstdClient {
        return GstdClient.withWallet(options, walletFromKeys(keyPair, version, network));
    }

    /** Throws when `mnemonic` is not a valid 24-word TON mnemonic, so a typo never becomes another wallet. */
    static async withMnemonic(options: GstdClientOptions, mnemonic: string | string[], version: WalletVersion, network: TonNetwork): Promise<GstdClient> {
        const words = typeof mnemonic === 'string' ? mnemonicWords(mnemonic) : mnemonic;
        return GstdClient.withWallet(options, await walletFromMnemonic(words, version, network));
    }

    /** A client on a session token obtained elsewhere; a 401 is final. */
    static withToken(options: GstdClientOptions, token: string): GstdClient {
        const http = new HttpTransport(options.serviceUrl, options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
        return new GstdClient(options, http, fixedTokenSession(token), null);
    }

    /** Logs in now (ton_proof for the wallet) and answers the session token. */
    login(): Promise<string> {
        return this.session.renew ? this.session.renew() : this.session.token();
    }

    sessionInfo(): Promise<SessionInfo> {
        return this.call({ method: 'GET', path: '/api/v1/auth/session' });
    }

    // Modules

    uploadModule(wasm: Uint8Array): Promise<StoredModule> {
        return this.call({ method: 'POST', path: '/api/v1/modules', body: { wasm_base64: Buffer.from(wasm).toString('base64') } });
    }

    /** The module's bytes; check them against `sha256` before running them. */
    module(sha256: string): Promise<Uint8Array> {
        return this.api.module(sha256);
    }

    // Tasks, as their requester

    createTask(request: CreateTaskRequest): Promise<CreatedTask> {
        return this.call({ method: 'POST', path: '/api/v1/tasks', body: request });
    }

    /** One page of the session wallet's tasks, newest first. */
    listTasks(query: TaskListQuery = {}): Promise<TaskList> {
        return this.call({ method: 'GET', path: `/api/v1/tasks${queryString(query)}` });
    }

    /** Every task of the session wallet, newest first, page after page (`limit`, a decimal string, a page). */
    eachTask(limit?: TaskListQuery['limit']): AsyncGenerator<TaskView> {
        return everyItem((cursor) => this.listTasks({ limit, cursor }), (page) => page.tasks);
    }

    task(taskId: string): Promise<TaskView> {
        return this.call({ method: 'GET', path: `/api/v1/tasks/${encodeURIComponent(taskId)}` });
    }

    /** Asks the service to check the task's escrow on chain now (409 ESCROW_NOT_FOUND while nothing is there). */
    confirmEscrow(taskId: string): Promise<TaskView> {
        return this.call({ method: 'POST', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/confirm-escrow` });
    }

    escrow(taskId: string): Promise<EscrowState> {
        return this.call({ method: 'GET', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/escrow` });
    }

    /** The canonical output, every result's verdict and which executors the chain shows paid. */
    outcome(taskId: string): Promise<TaskResults> {
        return this.call({ method: 'GET', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/outcome` });
    }

    /** The requester's transaction that closes the escrow after the deadline. */
    closeTransaction(taskId: string): Promise<CloseTransaction> {
        return this.call({ method: 'GET', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/close-transaction` });
    }

    // Work, as a worker

    devices(): Promise<DeviceList> {
        return this.call({ method: 'GET', path: '/api/v1/devices' });
    }

    registerDevice(request: RegisterDeviceRequest): Promise<DeviceView> {
        return this.call({ method: 'POST', path: '/api/v1/devices', body: request });
    }

    offers(query: OffersQuery): Promise<OfferList> {
        return this.call({ method: 'GET', path: `/api/v1/offers${queryString(query)}` });
    }

    claimSlot(taskId: string, request: ClaimRequest): Promise<ClaimedTask> {
        return this.call({ method: 'POST', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/claim`, body: request });
    }

    submitResult(taskId: string, request: ResultRequest): Promise<ResultReceipt> {
        return this.call({ method: 'POST', path: `/api/v1/tasks/${encodeURIComponent(taskId)}/results`, body: request });
    }

    // Payouts

    payouts(query: PayoutListQuery = {}): Promise<PayoutList> {
        return this.call({ method: 'GET', path: `/api/v1/payouts${queryString(query)}` });
    }

    /** Every reward of the session wallet, page after page. */
    eachPayout(limit?: PayoutListQuery['limit']): AsyncGenerator<PayoutEntry> {
        return everyItem((cursor) => this.payouts({ limit, cursor }), (page) => page.payouts);
    }

    payoutIntent(request: PayoutIntentRequest): Promise<PayoutIntent> {
        return this.call({ method: 'POST', path: '/api/v1/payments/payout-intent', body: request });
    }

    // The hub

    /**
     * The device's live link to the hub: `start()` it, then listen for `offer`, `trust`, `payoutReady` and `paid`.
     * It reconnects with backoff, logs in again when the session runs out, and replays missed offers.
     */
    hub(deviceId: string, options: HubOptions): HubConnection {
        return new HubConnection(
            {
                url: hubUrlOf(this.options.serviceUrl),
                openSocket: options.openSocket,
                deviceId: () => deviceId,
                token: () => this.session.token(),
                refused: async (status) => {
                    if (status === 401 && this.session.renew) await this.session.renew();
                    else if (status !== 0 && status !== 429 && status < 500) return false;
                    return true;
                },
                sessionExpired: async () => void (await this.session.renew?.()),
            },
            options.timing ?? DEFAULT_HUB_TIMING,
        );
    }

    private call<T>(request: Omit<HttpRequest, 'token'>): Promise<T> {
        return this.session.authorized((token) => this.http.json<T>({ ...request, token }));
    }
}
