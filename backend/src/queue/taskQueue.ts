// Where funded tasks wait to be offered to devices. One interface, two implementations: in-process (the default,
// nothing to run) and Redis Streams (when REDIS_URL is set), so several service processes share one queue.

/** One queued task, as a consumer receives it. */
export interface QueueEntry {
    /** Unique per published entry (the stream entry id with Redis); the key that makes dispatch idempotent. */
    id: string;
    taskId: string;
    /**
     * What dispatch is keyed by: the key the publisher gave, or the entry id. A publisher that may publish the
     * same thing twice (a relay retrying after a crash) gives the same key both times, and it is dispatched once.
     */
    dispatchKey: string;
    /** How many times this entry has been handed to a consumer, this time included. */
    deliveries: number;
}

/**
 * Dispatches one entry. Resolving means the dispatch is recorded and the entry may be acknowledged; throwing
 * leaves it unacknowledged, to be delivered again (up to the queue's delivery cap, then dead-lettered).
 * Delivery is at least once: called again for an entry already dispatched (after a crash between recording and
 * acknowledging, or a handler slower than the Redis queue's reclaim idle time), it must do nothing and resolve.
 */
export type DispatchHandler = (entry: QueueEntry) => Promise<void>;

export interface TaskQueue {
    /** Appends a task; resolves with the entry id once the queue holds it durably (as durable as the queue is). */
    publish(taskId: string, dispatchKey?: string): Promise<string>;
    /** Starts delivering entries to `handler` (once per queue instance). */
    start(handler: DispatchHandler): void;
    /** Stops consuming, waits for the dispatches in flight, and releases connections. */
    close(): Promise<void>;
    /** Resolves when the queue can take entries now (Redis answers); rejects saying why not. For GET /ready. */
    ready(): Promise<void>;
    /** How many entries wait, are being handled, and were given up on (for metrics; reads, changes nothing). */
    depth(): Promise<QueueDepth>;
}

/** A queue's entries by where they are. With Redis these are the shared stream's; in process, this process's. */
export interface QueueDepth {
    /** Published and not yet delivered to any consumer; null when the queue cannot tell (see RedisStreamsQueue). */
    waiting: number | null;
    /** Delivered and not yet done with: being handled, or failed and waiting to be delivered again. */
    pending: number;
    /** Given up on after the delivery cap, and still kept. */
    deadLetters: number;
}

/** An entry given up on: its handler failed on every one of the queue's deliveries. */
export interface DeadLetter {
    /** The entry's id in the queue it came from. */
    id: string;
    taskId: string;
    /** Deliveries made before it was given up on. */
    deliveries: number;
}

/** How often an entry is handed to a handler before it is dead-lettered, unless a queue is told otherwise. */
export const DEFAULT_DELIVERY_CAP = 5;

/** Where a queue reports what it cannot throw to anyone: handler failures, lost connections (pino fits). */
export interface QueueLog {
    warn(details: object, message: string): void;
}
