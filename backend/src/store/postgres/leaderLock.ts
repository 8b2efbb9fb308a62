// Leadership among nodes sharing one PostgreSQL: the node whose session holds a named advisory lock leads. The lock
// is session-level, on a connection of its own (a pooled one would hand the session to other work), so it lasts
// exactly as long as that connection: a node that dies, or whose connection is cut, lets another take over.
//
// Leadership keeps background work on one node nearly always, not always: the server frees the lock the moment it
// drops the session, while the old leader hears of it a moment later. Work run under it must stay safe per row.
import { Client } from 'pg';
import { Leadership } from '../leadership';

const DEFAULT_RETRY_MS = 2_000;
/** Rounds a node that lost its leadership sits out, so a follower (which tries every round) takes over first. */
const ROUNDS_SAT_OUT_AFTER_LOSS = 2;
/** Bounds connecting and each statement, so a server that stopped answering costs a round, not the lock forever. */
const STATEMENT_TIMEOUT_MS = 5_000;
// The server gives up on a silent connection after 10 + 3 × 5 = 25 s instead of the kernel's two hours, so a leader
// cut off by the network frees the lock for another node. The leader itself notices sooner (each round checks its
// connection within retryMs + STATEMENT_TIMEOUT_MS) and stops leading before the server lets anyone else lead.
const SERVER_KEEPALIVES = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3';

export interface LeaderLockOptions {
    /** How often a follower tries to take the lock, and a leader checks it still holds its connection. */
    retryMs?: number;
    /** Told each time this node starts or stops leading; where the caller logs. */
    onChange?: (leading: boolean) => void;
}

export class LeaderLock implements Leadership {
    private readonly retryMs: number;
    private readonly onChange: (leading: boolean) => void;
    private client: Client | undefined;
    private isLeading = false;
    private stopped = false;
    private timer: NodeJS.Timeout | undefined;
    /** Before this time a node that just lost its leadership does not try again: its connection was the one that failed. */
    private retryNotBefore = 0;
    /** The round in progress, if any; stop() waits for it so no round runs after it returns. */
    private round: Promise<void> = Promise.resolve();

    constructor(
        private readonly url: string,
        private readonly name: string,
        options: LeaderLockOptions = {},
    ) {
        this.retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
        this.onChange = options.onChange ?? (() => undefined);
    }

    get leading(): boolean {
        return this.isLeading;
    }

    /** Tries at once, then every retryMs until stop(). */
    start(): void {
        if (this.stopped || this.timer) return;
        this.schedule(0);
    }

    async stop(): Promise<void> {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.round;
        const client = this.client;
        this.client = undefined;
        if (client) {
            // Ending the session frees the lock too; unlocking first frees it even if the end is slow to arrive.
            if (this.isLeading) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.name]).catch(() => undefined);
            await client.end().catch(() => undefined);
        }
        this.setLeading(false);
    }

    private schedule(delayMs: number): void {
        this.timer = setTimeout(() => {
            this.round = this.tryOnce().then(() => {
                if (!this.stopped) this.schedule(this.retryMs);
            });
        }, delayMs);
    }

    /** One round: a follower tries to take the lock; a leader checks its connection still answers. Never rejects. */
    private async tryOnce(): Promise<void> {
        if (!this.isLeading && Date.now() < this.retryNotBefore) return;
        try {
            const client = this.client ?? (await this.connect());
            if (this.isLeading) {
                await client.query('SELECT 1');
                return;
            }
            const { rows } = await client.query<{ acquired: boolean }>(
                'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired',
                [this.name],
            );
            if (rows[0].acquired && client === this.client && !this.stopped) this.setLeading(true);
        } catch {
            if (this.client) this.drop(this.client);
        }
    }

    private async connect(): Promise<Client> {
        const client = new Client({
            connectionString: this.url,
            connectionTimeoutMillis: STATEMENT_TIMEOUT_MS,
            query_timeout: STATEMENT_TIMEOUT_MS,
            keepAlive: true,
            options: SERVER_KEEPALIVES,
        });
        // The session is the lock: once its connection fails or closes, this node no longer leads.
        client.on('error', () => this.drop(client));
        client.on('end', () => this.drop(client));
        this.client = client;
        await client.connect();
        return client;
    }

    /** Forgets a failed connection (the next round opens a new one) and the leadership that went with it. */
    private drop(client: Client): void {
        if (this.client !== client) return;
        this.client = undefined;
        client.end().catch(() => undefined);
        if (this.isLeading) this.retryNotBefore = Date.now() + ROUNDS_SAT_OUT_AFTER_LOSS * this.retryMs;
        this.setLeading(false);
    }

    private setLeading(leading: boolean): void {
        if (this.isLeading === leading) return;
        this.isLeading = leading;
        try {
            this.onChange(leading);
        } catch {
            // The caller's listener failing must not stop the rounds; leadership itself is already recorded.
        }
    }
}
