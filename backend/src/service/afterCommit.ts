// Events leave a write only once its transaction has committed. A write records them in a PendingEvents; the
// runners below emit them after the COMMIT, and drop them when the write (or the batch it shares) rolls back, so
// listeners (the hub, the outbox relay, metrics) never act on a change that did not happen.
import { Sql, TransactionOptions } from '../store/sql';
import { ServiceContext, ServiceEventMap, ServiceEvents } from './context';

export class PendingEvents {
    private readonly queued: Array<() => void> = [];

    constructor(private readonly events: ServiceEvents) {}

    add<K extends keyof ServiceEventMap>(name: K, ...args: ServiceEventMap[K]): void {
        this.queued.push(() => (this.events.emit as (name: K, ...args: ServiceEventMap[K]) => boolean)(name, ...args));
    }

    get size(): number {
        return this.queued.length;
    }

    /** Emits what was recorded, in order. Only the runners call this, after the commit. */
    emitAll(): void {
        for (const emit of this.queued.splice(0)) emit();
    }
}

type Write<T> = (tx: Sql, events: PendingEvents) => Promise<T>;

/**
 * Runs `write` in a transaction of its own; its events follow the COMMIT. A write PostgreSQL runs again (after a
 * deadlock) records its events afresh: only the attempt that committed is heard.
 */
export async function transact<T>(ctx: Pick<ServiceContext, 'store' | 'events'>, write: Write<T>, options: TransactionOptions = {}): Promise<T> {
    let events = new PendingEvents(ctx.events);
    const value = await ctx.store.transaction((tx) => {
        events = new PendingEvents(ctx.events);
        return write(tx, events);
    }, options);
    events.emitAll();
    return value;
}

/** Runs `write` in the next group commit (see store/sqliteStore.ts); its events follow the shared COMMIT. */
export function transactGrouped<T>(ctx: Pick<ServiceContext, 'store' | 'events'>, write: Write<T>): Promise<T> {
    return transact(ctx, write, { grouped: true });
}
