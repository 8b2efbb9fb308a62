// Events leave a write only once its transaction has committed. A write records them in a PendingEvents; the
// runners below emit them after the COMMIT, and drop them when the write (or the batch it shares) rolls back, so
// listeners (the hub, the outbox relay, metrics) never act on a change that did not happen.
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

type Write<T> = (events: PendingEvents) => T;

/** Runs `write` in a transaction of its own, now; its events follow the COMMIT. */
export function transact<T>(ctx: Pick<ServiceContext, 'db' | 'events'>, write: Write<T>): T {
    // Inside another transaction this would be a savepoint, and the events would precede the real COMMIT.
    if (ctx.db.inTransaction) throw new Error('transact() must not run inside another transaction');
    const events = new PendingEvents(ctx.events);
    const value = ctx.db.transaction(() => write(events))();
    events.emitAll();
    return value;
}

/** Runs `write` in the next group commit (see store/groupCommit.ts); its events follow the shared COMMIT. */
export async function transactGrouped<T>(ctx: Pick<ServiceContext, 'commits' | 'events'>, write: Write<T>): Promise<T> {
    const events = new PendingEvents(ctx.events);
    const value = await ctx.commits.run(() => write(events));
    events.emitAll();
    return value;
}
