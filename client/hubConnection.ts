// The device's live connection to the service's hub. It reconnects with full-jitter backoff until stopped (logging
// in again first when the hub closed the link for an expired session), keeps the link alive with heartbeats, and
// after a reconnect replays the offers it missed, from the last seq it saw. Platform-free: the CLI and the browser
// engine (web/src/engine) run this same class, each with its own way of opening the socket (hubSocket.ts).
import { CLOSE_REPLACED, CLOSE_SESSION_EXPIRED, ClientFrame, parseServerFrame, ServerFrame, TaskView, TrustView } from '../protocol';
import { Backoff, BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import { HubSocket, OpenHubSocket } from './hubSocket';
import { ServiceError } from './serviceError';
import { TypedEmitter } from './typedEmitter';

export interface HubAccess {
    /** ws(s)://host/ws */
    url: string;
    /** Opens the socket: openNodeHubSocket in Node, a WebSocket-based one in a browser. */
    openSocket: OpenHubSocket;
    deviceId(): string;
    token(): Promise<string>;
    /**
     * The hub refused the upgrade with this HTTP status and error code. Resolve true to try again after the
     * backoff (having renewed whatever was stale), false to give up.
     */
    refused(status: number, code: string): Promise<boolean>;
    /** The hub closed the link because its session token expired: log in again, so the next attempt has a fresh token. */
    sessionExpired(): Promise<void>;
}

export interface HubTiming {
    /** How often the worker sends a heartbeat; a link silent for three periods is taken as dead. */
    heartbeatMs: number;
    /** A connection up this long resets the backoff. */
    stableAfterMs: number;
    /** How long a claim or replay waits for its answer. */
    requestTimeoutMs: number;
    backoff: BackoffPolicy;
}

export const DEFAULT_HUB_TIMING: HubTiming = { heartbeatMs: 10_000, stableAfterMs: 15_000, requestTimeoutMs: 10_000, backoff: DEFAULT_BACKOFF };

/** The link went down before the answer came. */
export class HubClosedError extends Error {
    constructor(message = 'the hub connection is not open') {
        super(message);
        this.name = 'HubClosedError';
    }
}

export interface HubConnectionEvents {
    connected: [{ reconnect: boolean; trust: TrustView }];
    disconnected: [{ code: number; reason: string; retryInMs: number }];
    offer: [TaskView];
    trust: [TrustView];
    /** A decision made this device's result valid: the intent for the task (gross nanotons) can be fetched now. */
    payoutReady: [taskId: string, amount: string];
    /** The chain shows this wallet's claim on the task paid (gross nanotons, in transaction txHash). */
    paid: [taskId: string, amount: string, txHash: string];
    warning: [string];
    fatal: [Error];
}

interface Pending {
    resolve(frame: ServerFrame): void;
    reject(error: Error): void;
    timer: Timer;
}

type Timer = ReturnType<typeof setTimeout>;

export class HubConnection extends TypedEmitter<HubConnectionEvents> {
    private socket: HubSocket | null = null;
    /** Settles when the current socket has closed. */
    private socketClosed: Promise<void> = Promise.resolve();
    private open = false;
    private stopped = true;
    private welcomed = false;
    /** Highest offer seq seen: where a replay after a reconnect starts. */
    private cursor = 0;
    private lastHeardAt = 0;
    private refusal: { status: number; code: string } | null = null;
    private readonly backoff: Backoff;
    private readonly pending = new Map<string, Pending>();
    private requestCounter = 0;
    private retryTimer: Timer | null = null;
    private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
    private stableTimer: Timer | null = null;

    constructor(
        private readonly access: HubAccess,
        private readonly timing: HubTiming = DEFAULT_HUB_TIMING,
        random: () => number = Math.random,
    ) {
        super();
        this.backoff = new Backoff(timing.backoff, random);
    }

    start(): void {
        if (!this.stopped) return;
        this.stopped = false;
        void this.attempt();
    }

    async stop(): Promise<void> {
        this.stopped = true;
        if (this.retryTimer) clearTimeout(this.retryTimer);
        const socket = this.socket;
        if (!socket) return;
        const closed = this.socketClosed;
        socket.terminate();
        await closed;
    }

    /** Cuts the link as a network failure would; the connection comes back after the backoff. */
    drop(): void {
        this.socket?.terminate();
    }

    /** Sends a frame and resolves with the hub's answer to it (matched by request_id). */
    request(frame: ClientFrame): Promise<ServerFrame> {
        const socket = this.socket;
        if (!socket || !this.open) return Promise.reject(new HubClosedError());
        const request_id = `r${++this.requestCounter}`;
        return new Promise<ServerFrame>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(request_id);
                reject(new HubClosedError(`no answer to ${frame.type} within ${this.timing.requestTimeoutMs} ms`));
            }, this.timing.requestTimeoutMs);
            this.pending.set(request_id, { resolve, reject, timer });
            socket.send(JSON.stringify({ ...frame, request_id }));
        });
    }

    private async attempt(): Promise<void> {
        this.retryTimer = null;
        if (this.stopped) return;
        let token: string;
        try {
            token = await this.access.token();
        } catch (error) {
            // No session: retry while the service is away, give up when it refuses the wallet outright.
            if (error instanceof ServiceError && error.transient) return this.retryLater(0, error.message);
            return this.fail(error as Error);
        }
        if (this.stopped) return;
        const url = `${this.access.url}?device_id=${encodeURIComponent(this.access.deviceId())}`;
        this.refusal = null;
        let markClosed!: () => void;
        this.socketClosed = new Promise<void>((resolve) => (markClosed = resolve));
        const socket: HubSocket = this.access.openSocket(url, token, {
            open: () => {
                this.open = true;
                this.lastHeardAt = Date.now();
                this.heartbeatTimer = setInterval(() => this.beat(socket), this.timing.heartbeatMs);
            },
            alive: () => (this.lastHeardAt = Date.now()),
            message: (text) => {
                this.lastHeardAt = Date.now();
                // Checked against the protocol: a frame this worker cannot read is reported, never half-read.
                const parsed = parseServerFrame(text);
                if (parsed.ok) this.receive(parsed.frame);
                else this.emit('warning', `unreadable hub frame (${parsed.message})`);
            },
            refused: (status, code) => (this.refusal = { status, code }),
            close: (code, reason) => {
                markClosed();
                void this.closed(socket, code, reason);
            },
        });
        this.socket = socket;
    }

    private beat(socket: HubSocket): void {
        if (Date.now() - this.lastHeardAt > 3 * this.timing.heartbeatMs) {
            socket.terminate();
            return;
        }
        socket.send(JSON.stringify({ type: 'heartbeat' }));
    }

    private receive(frame: ServerFrame): void {
        const id = 'request_id' in frame ? frame.request_id : undefined;
        const waiter = id === undefined ? undefined : this.pending.get(id);
        if (waiter) {
            this.pending.delete(id!);
            clearTimeout(waiter.timer);
            waiter.resolve(frame);
            return;
        }
        switch (frame.type) {
            case 'welcome':
                return this.welcome(frame.trust, frame.last_offer_seq);
            case 'offer':
                this.cursor = Math.max(this.cursor, frame.seq);
                this.emit('offer', frame.task);
                return;
            case 'trust':
                this.emit('trust', frame.trust);
                return;
            case 'payout_ready':
                this.emit('payoutReady', frame.task_id, frame.amount);
                return;
            case 'payout_paid':
                this.emit('paid', frame.task_id, frame.amount, frame.tx_hash);
                return;
            case 'error':
                this.emit('warning', `hub error ${frame.code}: ${frame.message}`);
                return;
        }
    }

    private welcome(trust: TrustView, lastOfferSeq: number): void {
        const reconnect = this.welcomed;
        this.welcomed = true;
        this.stableTimer = setTimeout(() => this.backoff.reset(), this.timing.stableAfterMs);
        if (!reconnect) this.cursor = lastOfferSeq;
        this.emit('connected', { reconnect, trust });
        if (reconnect) void this.replayMissed();
    }

    /** Asks for the offers after the cursor, page by page, until a page brings the cursor no further. */
    private async replayMissed(): Promise<void> {
        let since = this.cursor;
        try {
            for (;;) {
                const answer = await this.request({ type: 'replay', since });
                if (answer.type !== 'replayed' || answer.last_seq <= since) return;
                since = answer.last_seq;
                this.cursor = Math.max(this.cursor, since);
            }
        } catch (error) {
            // The link dropped mid-replay; the next connection replays from the cursor again.
            if (!(error instanceof HubClosedError)) throw error;
        }
    }

    private async closed(socket: HubSocket, code: number, reason: string): Promise<void> {
        if (socket !== this.socket) return;
        this.socket = null;
        this.open = false;
        if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
        if (this.stableTimer) clearTimeout(this.stableTimer);
        for (const [id, waiter] of this.pending) {
            clearTimeout(waiter.timer);
            waiter.reject(new HubClosedError());
            this.pending.delete(id);
        }
        if (this.stopped) return;
        if (code === CLOSE_REPLACED) {
            return this.fail(new Error('another connection of this device replaced this one; run one worker per device name'));
        }
        if (code === CLOSE_SESSION_EXPIRED) {
            try {
                await this.access.sessionExpired();
            } catch (error) {
                // With the service away, the next attempt goes with the old token; its 401 renews the session then.
                if (!(error instanceof ServiceError && error.transient)) return this.fail(error as Error);
            }
            return this.retryLater(code, reason);
        }
        const refusal = this.refusal;
        if (refusal) {
            let retry: boolean;
            try {
                retry = await this.access.refused(refusal.status, refusal.code);
            } catch (error) {
                return this.fail(error as Error);
            }
            if (!retry) return this.fail(new Error(`the hub refused the connection: ${refusal.status} ${refusal.code}`));
            // A stale session or a missing device, now fixed, says nothing of the service's load: try again at once
            // rather than after the backoff the outage before it grew.
            if (refusal.status === 401 || refusal.code === 'DEVICE_NOT_FOUND') this.backoff.reset();
            return this.retryLater(code, `refused: ${refusal.status} ${refusal.code}`);
        }
        this.retryLater(code, reason);
    }

    private retryLater(code: number, reason: string): void {
        if (this.stopped) return;
        const retryInMs = this.backoff.next();
        this.emit('disconnected', { code, reason, retryInMs });
        this.retryTimer = setTimeout(() => void this.attempt(), retryInMs);
    }

    private fail(error: Error): void {
        this.stopped = true;
        this.emit('fatal', error);
    }
}

/** ws(s)://host[:port][/base]/ws for the service at http(s)://host[:port][/base]. */
export function hubUrlOf(serviceUrl: string): string {
    const url = new URL(serviceUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = url.pathname.replace(/\/+$/, '') + '/ws';
    url.search = '';
    return url.toString();
}
