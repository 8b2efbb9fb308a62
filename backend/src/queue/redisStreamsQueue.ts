// The queue several service processes share: one Redis stream read through one consumer group. Each entry goes to
// one consumer and stays pending until that consumer's handler has resolved; a reclaimer in every process takes over
// entries left pending too long (their consumer died, or its handler failed), so delivery is at least once and
// handlers must be idempotent. Needs Redis 7.0 or later (XAUTOCLAIM's report of deleted entries).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { moveToDeadLetters } from './deadLetterStream';
import { parseAutoClaimReply, parseDeliveryCount, parseGroups, parseReadGroupReply, StreamEntry } from './streamReplies';
import { trimStream } from './streamTrimming';
import { DEFAULT_DELIVERY_CAP, DispatchHandler, QueueDepth, QueueEntry, QueueLog, TaskQueue } from './taskQueue';

export const DEFAULT_STREAM = 'tasks:stream';
export const DEFAULT_GROUP = 'task_workers';
export const DEFAULT_DEAD_LETTER_STREAM = 'tasks:dead';
export const DEFAULT_BATCH_SIZE = 10;
export const DEFAULT_BLOCK_MS = 5_000;
export const DEFAULT_RECLAIM_IDLE_MS = 30_000;
export const DEFAULT_RECLAIM_INTERVAL_MS = 5_000;
export const DEFAULT_MAX_LENGTH = 100_000;
export const DEFAULT_TRIM_INTERVAL_MS = 30_000;
/** Pause after a failed round (Redis unreachable, say) before the next try. */
const ERROR_PAUSE_MS = 1_000;
/** How long close() waits for Redis to answer its last commands once the handlers are done. */
const CLOSE_GRACE_MS = 2_000;
const TASK_ID_FIELD = 'task_id';
const DISPATCH_KEY_FIELD = 'dispatch_key';

export interface RedisStreamsQueueOptions {
    /** redis://[user:password@]host:port[/db] */
    url: string;
    stream?: string;
    group?: string;
    deadLetterStream?: string;
    /** This instance's name in the group; must be unique among live instances (the default is). */
    consumer?: string;
    /** Entries read (and reclaimed) per round, and so dispatched at once. */
    batchSize?: number;
    /** How long one XREADGROUP waits for new entries. */
    blockMs?: number;
    /**
     * How long an entry stays pending before another consumer (or this one) takes it over: the retry delay after a
     * handler failure, and how soon a dead consumer's entries move on. Must exceed the slowest handler, or a live
     * consumer's entry is dispatched twice and its deliveries count towards the cap.
     */
    reclaimIdleMs?: number;
    reclaimIntervalMs?: number;
    /** Deliveries to a handler before a failing entry is moved to the dead-letter stream. */
    deliveryCap?: number;
    /** Length the stream is trimmed towards (approximately, and never below what consumers still need). */
    maxLength?: number;
    trimIntervalMs?: number;
    /** Omitted: failures are retried and dead-lettered, but not reported. */
    log?: QueueLog;
}

type Settings = Required<Omit<RedisStreamsQueueOptions, 'log'>>;

/** hostname-pid-random: unique per instance, and says where a stuck consumer ran. */
export function uniqueConsumerName(): string {
    return `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export class RedisStreamsQueue implements TaskQueue {
    private readonly settings: Settings;
    private readonly log?: QueueLog;
    /** Publishing, acknowledging, reclaiming, trimming: commands that never block. */
    private readonly commands: Redis;
    /** Only the blocking XREADGROUP, which would hold up every command queued behind it on a shared connection. */
    private reader?: Redis;
    private handler?: DispatchHandler;
    private running: Promise<void> = Promise.resolve();
    private readonly stopping = new AbortController();
    private closing?: Promise<void>;
    /** Handlers running here, by entry id; an entry stays listed until its acknowledgement is sent. */
    private readonly handling = new Map<string, Promise<unknown>>();

    constructor(options: RedisStreamsQueueOptions) {
        this.settings = {
            url: options.url,
            stream: options.stream ?? DEFAULT_STREAM,
            group: options.group ?? DEFAULT_GROUP,
            deadLetterStream: options.deadLetterStream ?? DEFAULT_DEAD_LETTER_STREAM,
            consumer: options.consumer ?? uniqueConsumerName(),
            batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
            blockMs: options.blockMs ?? DEFAULT_BLOCK_MS,
            reclaimIdleMs: options.reclaimIdleMs ?? DEFAULT_RECLAIM_IDLE_MS,
            reclaimIntervalMs: options.reclaimIntervalMs ?? DEFAULT_RECLAIM_INTERVAL_MS,
            deliveryCap: options.deliveryCap ?? DEFAULT_DELIVERY_CAP,
            maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH,
            trimIntervalMs: options.trimIntervalMs ?? DEFAULT_TRIM_INTERVAL_MS,
        };
        const counts = ['batchSize', 'blockMs', 'reclaimIdleMs', 'reclaimIntervalMs', 'deliveryCap', 'maxLength', 'trimIntervalMs'] as const;
        const invalid = counts.filter((name) => !Number.isSafeInteger(this.settings[name]) || this.settings[name] < 1);
        if (invalid.length > 0) throw new Error(`RedisStreamsQueue needs whole numbers >= 1 for ${invalid.join(', ')}`);
        this.log = options.log;
        this.commands = this.connect('commands');
    }

    get consumer(): string {
        return this.settings.consumer;
    }

    async publish(taskId: string, dispatchKey?: string): Promise<string> {
        if (this.stopping.signal.aborted) throw new Error('the task queue is closed');
        const keyFields = dispatchKey === undefined ? [] : [DISPATCH_KEY_FIELD, dispatchKey];
        // Never null: that happens only with NOMKSTREAM.
        return (await this.commands.xadd(this.settings.stream, '*', TASK_ID_FIELD, taskId, ...keyFields))!;
    }

    /** Redis answers a PING on the commands connection; while that connection is down, it says so at once. */
    async ready(): Promise<void> {
        const status = this.commands.status;
        // Commands sent now would wait in ioredis's offline queue for a reconnection instead of failing.
        if (status !== 'ready') throw new Error(`the Redis connection is ${status}`);
        await this.commands.ping();
    }

    start(handler: DispatchHandler): void {
        if (this.handler) throw new Error('the task queue is already started');
        if (this.stopping.signal.aborted) throw new Error('the task queue is closed');
        this.handler = handler;
        this.reader = this.connect('reader');
        this.running = this.run();
    }

    close(): Promise<void> {
        this.closing ??= this.shutDown();
        return this.closing;
    }

    /** The shared stream's entries, as the group sees them; `waiting` is null when XINFO cannot tell (see GroupState). */
    async depth(): Promise<QueueDepth> {
        const { stream, group, deadLetterStream } = this.settings;
        const [length, deadLetters] = await Promise.all([this.commands.xlen(stream), this.commands.xlen(deadLetterStream)]);
        // XINFO refuses a stream that does not exist; an empty one may still have a group with entries pending.
        const groups = length > 0 || (await this.commands.exists(stream)) === 1 ? parseGroups(await this.commands.xinfo('GROUPS', stream)) : [];
        const ours = groups.find((g) => g.name === group);
        // No group yet: nothing was delivered, everything waits.
        if (!ours) return { waiting: length, pending: 0, deadLetters };
        return { waiting: ours.lag, pending: ours.pending, deadLetters };
    }

    private async shutDown(): Promise<void> {
        this.stopping.abort();
        // A blocked XREADGROUP returns only when its BLOCK time is up; dropping its connection ends it now. Entries
        // Redis hands to it in that moment stay pending on this consumer, and the reclaimers of others take them.
        this.reader?.disconnect();
        // Every handler started is waited for, however long it takes: that is what close() promises.
        await Promise.allSettled(this.handling.values());
        // Their acknowledgements and the loops' last commands only as long as Redis answers. With Redis down they
        // would wait through all of ioredis's retries, and once disconnected while waiting to reconnect, ioredis never
        // settles them at all: past the grace they are abandoned, and what they left unacknowledged comes back later.
        let graceTimer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<boolean>((resolve) => (graceTimer = setTimeout(resolve, CLOSE_GRACE_MS, false)));
        const finishedInTime = await Promise.race([this.running.then(() => true), graceOver]);
        clearTimeout(graceTimer);
        if (finishedInTime) await this.commands.quit().catch(() => this.commands.disconnect());
        else this.commands.disconnect();
    }

    private connect(role: 'commands' | 'reader'): Redis {
        // The name shows in CLIENT LIST, so an operator can tell which instance holds which connection.
        const connection = new Redis(this.settings.url, { connectionName: `${this.settings.consumer}:${role}` });
        connection.on('error', (err) => this.log?.warn({ err, role }, 'task queue connection error'));
        return connection;
    }

    private async run(): Promise<void> {
        while (!(await this.createGroup())) {
            if (!(await this.pause(ERROR_PAUSE_MS))) return;
        }
        await Promise.all([
            this.consume(),
            this.repeat(this.settings.reclaimIntervalMs, 'reclaiming task entries', () => this.reclaim()),
            this.repeat(this.settings.trimIntervalMs, 'trimming the task stream', () =>
                trimStream(this.commands, this.settings.stream, this.settings.maxLength),
            ),
        ]);
    }

    /** Creates the group (and the stream) unless they exist; false when Redis could not be asked. */
    private async createGroup(): Promise<boolean> {
        try {
            // From id 0, not $: entries published before the first consumer started are delivered too.
            await this.commands.xgroup('CREATE', this.settings.stream, this.settings.group, '0', 'MKSTREAM');
            return true;
        } catch (err) {
            if (err instanceof Error && err.message.startsWith('BUSYGROUP')) return true;
            if (!this.stopping.signal.aborted) this.log?.warn({ err }, 'creating the task consumer group failed; will retry');
            return false;
        }
    }

    private async consume(): Promise<void> {
        const { group, consumer, batchSize, blockMs, stream } = this.settings;
        while (!this.stopping.signal.aborted) {
            try {
                const reply = await this.reader!.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, '>');
                // `>` hands out entries never delivered to the group before: this is their first delivery.
                await Promise.all(parseReadGroupReply(reply).map((entry) => this.dispatch(queueEntry(entry, 1))));
            } catch (err) {
                if (this.stopping.signal.aborted) return;
                this.log?.warn({ err }, 'reading the task stream failed; will retry');
                // The stream was deleted under us (FLUSHALL, say): the group went with it.
                if (err instanceof Error && err.message.startsWith('NOGROUP')) await this.createGroup();
                await this.pause(ERROR_PAUSE_MS);
            }
        }
    }

    /** Runs `round` every `intervalMs` until closing; a failed round is reported and the next one tries again. */
    private async repeat(intervalMs: number, what: string, round: () => Promise<unknown>): Promise<void> {
        while (await this.pause(intervalMs)) {
            await round().catch((err: unknown) => {
                if (!this.stopping.signal.aborted) this.log?.warn({ err }, `${what} failed; will retry`);
            });
        }
    }

    /** Waits `ms`, cut short by close(); false once closing. */
    private async pause(ms: number): Promise<boolean> {
        try {
            await sleep(ms, undefined, { signal: this.stopping.signal });
            return true;
        } catch {
            return false;
        }
    }

    /** Hands `entry` to the handler and acknowledges it once the handler resolved; never rejects. */
    private async dispatch(entry: QueueEntry): Promise<void> {
        // Closing: the entry stays pending on this consumer until a reclaimer elsewhere takes it over.
        if (this.stopping.signal.aborted) return;
        const handler = this.handler!;
        const handled = Promise.resolve().then(() => handler(entry));
        this.handling.set(entry.id, handled);
        try {
            await handled;
        } catch (err) {
            this.log?.warn({ err, ...entry }, 'task dispatch failed; left pending for a reclaimer');
            this.handling.delete(entry.id);
            return;
        }
        try {
            // If this XACK is lost, the entry comes back through a reclaimer and the handler finds it done.
            await this.commands.xack(this.settings.stream, this.settings.group, entry.id);
        } catch (err) {
            this.log?.warn({ err, ...entry }, 'acknowledging a task entry failed; it will be delivered again');
        } finally {
            this.handling.delete(entry.id);
        }
    }

    /** One pass over the group's pending list, taking over every entry idle longer than reclaimIdleMs. */
    private async reclaim(): Promise<void> {
        const { stream, group, consumer, reclaimIdleMs, batchSize } = this.settings;
        let cursor = '0-0';
        do {
            const reply = parseAutoClaimReply(
                await this.commands.xautoclaim(stream, group, consumer, reclaimIdleMs, cursor, 'COUNT', batchSize),
            );
            // Pending entries trimmed or deleted from the stream: Redis 7 already dropped them from the pending
            // list, and there is nothing left to dispatch. The XACK makes sure of it.
            if (reply.deletedIds.length > 0) await this.commands.xack(stream, group, ...reply.deletedIds);
            const deliveries = await this.deliveryCounts(reply.claimed.map((entry) => entry.id));
            await Promise.all(reply.claimed.map((entry, i) => this.takeOver(entry, deliveries[i])));
            cursor = reply.next;
        } while (cursor !== '0-0' && !this.stopping.signal.aborted);
    }

    /** XAUTOCLAIM returns entries without their delivery counts; XPENDING has them (this claim included). */
    private async deliveryCounts(ids: string[]): Promise<Array<number | undefined>> {
        if (ids.length === 0) return [];
        const pipeline = this.commands.pipeline();
        for (const id of ids) pipeline.xpending(this.settings.stream, this.settings.group, id, id, 1);
        const results = (await pipeline.exec()) ?? [];
        return results.map(([err, raw]) => {
            if (err) throw err;
            return parseDeliveryCount(raw);
        });
    }

    private async takeOver(entry: StreamEntry, deliveries: number | undefined): Promise<void> {
        // Still being dispatched here (a slow handler): the claim only reset its idle time.
        if (this.handling.has(entry.id)) return;
        // Acknowledged by its previous consumer after all, between the claim and now.
        if (deliveries === undefined) return;
        if (deliveries <= this.settings.deliveryCap) return this.dispatch(queueEntry(entry, deliveries));
        // This claim is a delivery no handler will see; the `deliveryCap` before it all ended unacknowledged.
        const letter = { id: entry.id, taskId: taskIdOf(entry), deliveries: deliveries - 1 };
        await moveToDeadLetters(this.commands, this.settings, letter);
        this.log?.warn(letter, 'task entry dead-lettered');
    }
}

function queueEntry(entry: StreamEntry, deliveries: number): QueueEntry {
    return { id: entry.id, taskId: taskIdOf(entry), dispatchKey: entry.fields[DISPATCH_KEY_FIELD] ?? entry.id, deliveries };
}

function taskIdOf(entry: StreamEntry): string {
    // An entry not written by publish() may have none; it then reaches the handler with one that names no task.
    return entry.fields[TASK_ID_FIELD] ?? '';
}
