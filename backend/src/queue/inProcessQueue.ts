// The queue when there is no Redis: entries live in this process's memory, so they are gone when it stops, and only
// this process consumes them. Same contract as the Redis queue otherwise: asynchronous delivery, redelivery of
// failed entries after a delay, dead-lettering at the delivery cap.
import { randomBytes } from 'node:crypto';
import { DEFAULT_DELIVERY_CAP, DeadLetter, DispatchHandler, QueueDepth, QueueEntry, QueueLog, TaskQueue } from './taskQueue';

export const DEFAULT_RETRY_DELAY_MS = 1_000;

export interface InProcessQueueOptions {
    /** Wait before a failed entry is delivered again. */
    retryDelayMs?: number;
    /** Deliveries to a handler before a failing entry is dead-lettered. */
    deliveryCap?: number;
    /** Omitted: failures are counted towards the cap and dead-lettered, but not reported. */
    log?: QueueLog;
}

export class InProcessQueue implements TaskQueue {
    private readonly retryDelayMs: number;
    private readonly deliveryCap: number;
    private readonly log?: QueueLog;
    // Entry ids end up in the durable offer log, so they must not repeat after a restart: a random prefix per instance.
    private readonly idPrefix = `mem-${randomBytes(6).toString('hex')}`;
    private published = 0;
    private handler?: DispatchHandler;
    private closed = false;
    /** Published before start(), or held back once closing. */
    private readonly waiting: QueueEntry[] = [];
    private readonly timers = new Map<NodeJS.Timeout, QueueEntry>();
    private readonly inFlight = new Set<Promise<void>>();
    private readonly dead: DeadLetter[] = [];

    constructor(options: InProcessQueueOptions = {}) {
        this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
        this.deliveryCap = options.deliveryCap ?? DEFAULT_DELIVERY_CAP;
        this.log = options.log;
        if (!(this.retryDelayMs >= 0) || !Number.isSafeInteger(this.deliveryCap) || this.deliveryCap < 1) {
            throw new Error('InProcessQueue needs retryDelayMs >= 0 and an integer deliveryCap >= 1');
        }
    }

    /** Entries given up on, oldest first. */
    get deadLetters(): readonly DeadLetter[] {
        return this.dead;
    }

    /** Entries not yet done with: waiting, being dispatched, or waiting to be retried. */
    get size(): number {
        return this.waiting.length + this.timers.size + this.inFlight.size;
    }

    async depth(): Promise<QueueDepth> {
        // An entry held back or on a timer is either before its first delivery or a retry (delivered, failed).
        const held = [...this.waiting, ...this.timers.values()];
        const retries = held.filter((entry) => entry.deliveries > 0).length;
        return {
            waiting: held.length - retries,
            pending: retries + this.inFlight.size,
            deadLetters: this.dead.length,
        };
    }

    async publish(taskId: string, dispatchKey?: string): Promise<string> {
        if (this.closed) throw new Error('the task queue is closed');
        const id = `${this.idPrefix}-${++this.published}`;
        const entry = { id, taskId, dispatchKey: dispatchKey ?? id, deliveries: 0 };
        this.schedule(entry, 0);
        return entry.id;
    }

    /** Memory is always there. */
    async ready(): Promise<void> {}

    start(handler: DispatchHandler): void {
        if (this.handler) throw new Error('the task queue is already started');
        this.handler = handler;
        for (const entry of this.waiting.splice(0)) this.schedule(entry, 0);
    }

    async close(): Promise<void> {
        this.closed = true;
        for (const [timer, entry] of this.timers) {
            clearTimeout(timer);
            this.waiting.push(entry);
        }
        this.timers.clear();
        // A handler failing now would schedule a retry; schedule() holds it back instead, so this loop ends.
        while (this.inFlight.size > 0) await Promise.allSettled(this.inFlight);
    }

    /** `entry.deliveries` counts the deliveries made so far; this one adds to it. */
    private schedule(entry: QueueEntry, delayMs: number): void {
        if (!this.handler || this.closed) {
            this.waiting.push(entry);
            return;
        }
        // A timer even with no delay: delivery must never run inside publish's (or a failing handler's) call stack.
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            this.deliver({ ...entry, deliveries: entry.deliveries + 1 });
        }, delayMs);
        this.timers.set(timer, entry);
    }

    private deliver(entry: QueueEntry): void {
        const handler = this.handler!;
        const dispatch = Promise.resolve()
            .then(() => handler(entry))
            .catch((err: unknown) => this.failed(entry, err))
            .finally(() => this.inFlight.delete(dispatch));
        this.inFlight.add(dispatch);
    }

    private failed(entry: QueueEntry, err: unknown): void {
        if (entry.deliveries >= this.deliveryCap) {
            this.dead.push({ id: entry.id, taskId: entry.taskId, deliveries: entry.deliveries });
            this.log?.warn({ err, entryId: entry.id, taskId: entry.taskId, deliveries: entry.deliveries }, 'task entry dead-lettered');
            return;
        }
        this.log?.warn({ err, entryId: entry.id, taskId: entry.taskId, deliveries: entry.deliveries }, 'task dispatch failed; will retry');
        this.schedule(entry, this.retryDelayMs);
    }
}
