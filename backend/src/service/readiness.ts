// Readiness: whether this node can do its work now, as opposed to liveness (the process answers). A node is ready
// when the store answers a query, the queue answers (Redis, when it is used) and the chain answers a read, each
// within a short time. Load balancers send traffic only to ready nodes.
import { ChainAdapter } from '../chain/chain';
import { TaskQueue } from '../queue/taskQueue';
import { Store } from '../store/sql';

export type Dependency = 'store' | 'queue' | 'chain';

export type DependencyState = { up: true } | { up: false; reason: string; cause?: unknown };

export interface Readiness {
    ready: boolean;
    checks: Record<Dependency, DependencyState>;
}

/** Each check's time to answer: a dependency slower than this counts as down. */
export const READY_TIMEOUT_MS = 2_000;

/** How long one chain read answers for every /ready in the meantime. */
export const CHAIN_PROBE_REUSE_MS = 5_000;

/** What each dependency is asked: the cheapest request that proves it serves. */
export function readinessProbes(deps: { store: Store; queue: TaskQueue; chain: ChainAdapter; nowMs: () => number }): Record<Dependency, () => Promise<unknown>> {
    return {
        store: () => deps.store.one('SELECT 1'),
        queue: () => deps.queue.ready(),
        // One get-method call: the master's config, the read every escrow check starts from. /ready answers
        // anyone, and a chain API limits its callers, so requests to /ready must not become as many chain reads.
        chain: reusedFor(CHAIN_PROBE_REUSE_MS, deps.nowMs, () => deps.chain.masterConfig()),
    };
}

/** `probe`, asked at most once per `reuseMs`: the calls in between get the same outcome. */
function reusedFor(reuseMs: number, nowMs: () => number, probe: () => Promise<unknown>): () => Promise<unknown> {
    let last: { atMs: number; outcome: Promise<unknown> } | undefined;
    return () => {
        if (!last || nowMs() - last.atMs >= reuseMs) {
            const outcome = probe();
            // Nobody may be waiting on it when it fails; the next caller still sees the failure.
            outcome.catch(() => undefined);
            last = { atMs: nowMs(), outcome };
        }
        return last.outcome;
    };
}

/**
 * Runs every probe at once. A failure's reason is fixed text, because /ready answers anyone; the cause is kept
 * for the log.
 */
export async function checkReadiness(
    probes: Record<Dependency, () => Promise<unknown>>,
    timeoutMs = READY_TIMEOUT_MS,
): Promise<Readiness> {
    const names = Object.keys(probes) as Dependency[];
    const states = await Promise.all(names.map((name) => probeWithin(probes[name], timeoutMs, name)));
    const checks = Object.fromEntries(names.map((name, i) => [name, states[i]])) as Record<Dependency, DependencyState>;
    return { ready: states.every((state) => state.up), checks };
}

const FAILED: Record<Dependency, string> = {
    store: 'the store did not answer a query',
    queue: 'the queue (Redis) did not answer',
    chain: 'the chain did not answer a read',
};

async function probeWithin(probe: () => Promise<unknown>, timeoutMs: number, name: Dependency): Promise<DependencyState> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<DependencyState>((resolve) => {
        timer = setTimeout(() => resolve({ up: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    const answered = Promise.resolve()
        .then(probe)
        .then(
            (): DependencyState => ({ up: true }),
            (cause: unknown): DependencyState => ({ up: false, reason: FAILED[name], cause }),
        );
    try {
        return await Promise.race([answered, timedOut]);
    } finally {
        clearTimeout(timer);
    }
}
