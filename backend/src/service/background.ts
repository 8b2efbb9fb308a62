// The service's periodic work: the sweep (slot timeouts, deadlines) and the chain watch (escrows of tasks
// awaiting them, claims of intents issued). A failing round is logged and the next one tries again.
import { recordClaims, tasksWithUnpaidIntents } from '../payments/claimsWatcher';
import { checkEscrow } from '../tasks/confirmEscrow';
import { sweep } from '../tasks/sweep';
import { tasksInStatus } from '../tasks/taskRecord';
import { alwaysLeading, Leadership } from '../store/leadership';
import { ServiceContext } from './context';

/** Tasks the chain watch looks at per round, of each kind: bounds the chain requests one round makes. */
export const CHAIN_WATCH_BATCH = 100;

export async function watchChainOnce(ctx: ServiceContext): Promise<{ opened: number; claimsSeen: number }> {
    let opened = 0;
    let claimsSeen = 0;
    for (const task of await tasksInStatus(ctx.store, 'awaiting_escrow', CHAIN_WATCH_BATCH)) {
        const check = await checkEscrow(ctx, task.id);
        if (check.kind === 'opened') opened++;
    }
    for (const task of await tasksWithUnpaidIntents(ctx, CHAIN_WATCH_BATCH)) {
        claimsSeen += await recordClaims(ctx, task);
    }
    return { opened, claimsSeen };
}

/** What the loops log through: pino's shape (fastify's logger fits), without depending on the HTTP edge. */
export interface BackgroundLog {
    info(details: object, message: string): void;
    warn(details: object, message: string): void;
    error(details: object, message: string): void;
}

export interface BackgroundOptions {
    sweepIntervalMs: number;
    chainPollIntervalMs: number;
    /**
     * Whether this node watches the chain now. Every round is safe on any number of nodes (each task is re-checked
     * under its lock, each claim recorded once by its key); the leader only keeps N nodes from asking the chain
     * the same questions N times. The sweep needs none: it is cheap and each task's change is made once, locked.
     */
    leadership?: Leadership;
}

/** Starts both loops (an interval of 0 leaves that loop off); returns a function that stops them. */
export function startBackground(ctx: ServiceContext, log: BackgroundLog, options: BackgroundOptions): () => Promise<void> {
    const timers: NodeJS.Timeout[] = [];
    let chainRound: Promise<unknown> = Promise.resolve();
    let chainBusy = false;
    let sweepRound: Promise<unknown> = Promise.resolve();
    let sweepBusy = false;
    if (options.sweepIntervalMs > 0) {
        timers.push(
            setInterval(() => {
                if (sweepBusy) return;
                sweepBusy = true;
                sweepRound = sweep(ctx)
                    .then((report) => {
                        if (report.slotsTimedOut + report.tasksExpired > 0) log.info(report, 'sweep');
                    })
                    .catch((err) => log.error({ err }, 'sweep failed'))
                    .finally(() => (sweepBusy = false));
            }, options.sweepIntervalMs),
        );
    }
    if (options.chainPollIntervalMs > 0) {
        timers.push(
            setInterval(() => {
                // A slow chain must not pile rounds on top of each other.
                if (chainBusy || !(options.leadership ?? alwaysLeading).leading) return;
                chainBusy = true;
                chainRound = watchChainOnce(ctx)
                    .then((r) => {
                        ctx.events.emit('chainWatched', ctx.nowMs());
                        if (r.opened + r.claimsSeen > 0) log.info(r, 'chain watch');
                    })
                    .catch((err) => log.warn({ err }, 'chain watch failed'))
                    .finally(() => (chainBusy = false));
            }, options.chainPollIntervalMs),
        );
    }
    for (const t of timers) t.unref();
    return async () => {
        for (const t of timers) clearInterval(t);
        await Promise.all([chainRound, sweepRound]);
    };
}
