// The page's one browser worker engine, from web/src/engine/index.ts (createWorkerEngine), made on first use and
// kept for the page's life so Payouts can hear its payout_paid frames while Worker is not on screen. Loaded with
// the Worker view's chunk, not the first page.
import type { CreateWorkerEngine, WorkerEngine } from '../engine/engineApi';

const engineModule = import.meta.glob<{ createWorkerEngine: CreateWorkerEngine }>('../engine/index.ts');

let engine: Promise<WorkerEngine | undefined> | undefined;

/** The engine, or undefined when this build has none. */
export function loadWorkerEngine(): Promise<WorkerEngine | undefined> {
    const load = engineModule['../engine/index.ts'];
    engine ??= load ? load().then((m) => m.createWorkerEngine()) : Promise.resolve(undefined);
    return engine;
}

/** The engine if something already loaded it (Payouts listens only to a running engine; it never starts one). */
export function loadedWorkerEngine(): Promise<WorkerEngine | undefined> | undefined {
    return engine;
}
