// The service's own metrics. Gauges and store-backed counters are read when Prometheus scrapes (`collect`), from
// the same readers GET /api/v1/stats uses: they survive restarts and agree with the operator's view. Totals read
// from the store are service-wide (every node sharing the store reports the same); the rest are this node's.
import { Counter, Gauge, Registry } from 'prom-client';
import { TaskQueue } from '../queue/taskQueue';
import { ServiceContext } from '../service/context';
import { decisionsByOperation, OperationDecisions, resultCounts } from '../stats/outcomeCounts';
import { intentCounts, outboxRows, tasksByStatus, trustHistogram } from '../stats/serviceStats';

/**
 * Operation types are names any requester picks, so a label per operation could grow without bound. The first
 * OPERATION_LABELS operations to be decided get their own; later ones share OTHER_OPERATIONS. Ordered by their
 * first decision, which never changes, the set only fills up: no series ever moves to another label.
 */
export const OPERATION_LABELS = 50;
/** No operation is named so: names start with a letter or digit. */
export const OTHER_OPERATIONS = '_other';
/** How long a scrape waits for the queue's numbers (Redis may be slow or away) before reporting them as NaN. */
export const QUEUE_READ_TIMEOUT_MS = 2_000;

export interface ServiceMetricSources {
    ctx: ServiceContext;
    hub: { readonly size: number };
    queue: Pick<TaskQueue, 'depth'>;
    /** When this node's chain watch last finished a round, or null before the first. */
    lastChainRound: () => number | null;
    log: { warn(details: object, message: string): void };
    queueReadTimeoutMs?: number;
}

export function registerServiceMetrics(registry: Registry, sources: ServiceMetricSources): void {
    const { ctx, hub } = sources;
    const registers = [registry];
    const db = ctx.store;

    new Gauge({
        name: 'gstd_tasks',
        help: 'Tasks by status (spot checks not included)',
        labelNames: ['status'] as const,
        registers,
        async collect() {
            for (const [status, n] of Object.entries(await tasksByStatus(db))) this.set({ status }, n);
        },
    });
    new Counter({
        name: 'gstd_results_received_total',
        help: 'Results received, late ones included',
        registers,
        async collect() {
            setTotal(this, {}, (await resultCounts(db)).received);
        },
    });
    new Counter({
        name: 'gstd_result_verdicts_total',
        help: 'Results judged, by verdict; unjudged: left without one when their task failed or expired',
        labelNames: ['verdict'] as const,
        registers,
        async collect() {
            const { verdicts } = await resultCounts(db);
            this.reset();
            for (const [verdict, n] of Object.entries(verdicts)) this.inc({ verdict }, n);
        },
    });
    new Counter({
        name: 'gstd_consensus_decisions_total',
        help: `Consensus rounds ended (a majority or a collision), by operation type; the first ${OPERATION_LABELS} types decided get a label, later ones "${OTHER_OPERATIONS}"`,
        labelNames: ['operation'] as const,
        registers,
        async collect() {
            const rows = byOperationLabel(await decisionsByOperation(db));
            this.reset();
            for (const [operation, row] of rows) this.inc({ operation }, row.decisions);
        },
    });
    new Counter({
        name: 'gstd_consensus_collisions_total',
        help: 'Consensus rounds that ended without an accepted majority (arbitration or failure), by operation type, labelled as the decisions',
        labelNames: ['operation'] as const,
        registers,
        async collect() {
            const rows = byOperationLabel(await decisionsByOperation(db));
            this.reset();
            for (const [operation, row] of rows) this.inc({ operation }, row.collisions);
        },
    });
    new Counter({
        name: 'gstd_payout_intents_issued_total',
        help: 'Executors given a payout intent for a task (a re-signed intent is not counted again)',
        registers,
        async collect() {
            setTotal(this, {}, (await intentCounts(db)).issued);
        },
    });
    new Counter({
        name: 'gstd_payout_intents_paid_total',
        help: 'Payout intents the chain shows claimed',
        registers,
        async collect() {
            setTotal(this, {}, (await intentCounts(db)).paid);
        },
    });
    const claimsSeen = new Counter({
        name: 'gstd_chain_claims_seen_total',
        help: 'Claims this node found on chain and recorded (by its chain watch or before re-signing an intent)',
        registers,
    });
    ctx.events.on('paid', () => claimsSeen.inc());

    const startedAtMs = ctx.nowMs();
    new Gauge({
        name: 'gstd_chain_watch_lag_seconds',
        help: "Seconds since this node's chain watch last finished a round (since the node started, before its first)",
        registers,
        collect() {
            this.set(Math.max(0, ctx.nowMs() - (sources.lastChainRound() ?? startedAtMs)) / 1000);
        },
    });

    registerQueueMetrics(registry, sources);
    new Gauge({
        name: 'gstd_queue_outbox',
        help: 'Task openings committed and not yet handed to the queue',
        registers,
        async collect() {
            this.set(await outboxRows(db));
        },
    });
    new Gauge({
        name: 'gstd_websocket_connections',
        help: 'Devices connected to this node over WebSocket',
        registers,
        collect() {
            this.set(hub.size);
        },
    });
    // Not a Prometheus histogram: its buckets are counters of observations, which never fall, while devices move
    // between these buckets both ways as their trust changes. A gauge per bucket is a snapshot that may fall; it
    // has the /api/v1/stats buckets, [from, to) and the last one closed.
    new Gauge({
        name: 'gstd_devices_by_trust_score',
        help: 'Registered devices by current trust score, in buckets [from, to) of width 0.1 (the last one includes 1)',
        labelNames: ['from', 'to'] as const,
        registers,
        async collect() {
            const buckets = await trustHistogram(ctx);
            buckets.forEach((devices, i) => this.set({ from: String(i / buckets.length), to: String((i + 1) / buckets.length) }, devices));
        },
    });
}

/** A counter that reports a total read from the store: only ever growing, and the same after a restart. */
function setTotal(counter: Counter, labels: Record<string, string>, total: number): void {
    counter.reset();
    counter.inc(labels, total);
}

/** Decisions and collisions per label: the first OPERATION_LABELS operations their own, the rest summed. */
function byOperationLabel(rows: OperationDecisions[]): Map<string, { decisions: number; collisions: number }> {
    const labelled = new Map<string, { decisions: number; collisions: number }>();
    rows.forEach((row, i) => {
        const label = i < OPERATION_LABELS ? row.operation : OTHER_OPERATIONS;
        const sum = labelled.get(label) ?? { decisions: 0, collisions: 0 };
        labelled.set(label, { decisions: sum.decisions + row.decisions, collisions: sum.collisions + row.collisions });
    });
    return labelled;
}

/** Depth, pending and dead letters from one read of the queue per scrape; NaN when the queue does not answer. */
function registerQueueMetrics(registry: Registry, sources: ServiceMetricSources): void {
    const timeoutMs = sources.queueReadTimeoutMs ?? QUEUE_READ_TIMEOUT_MS;
    let inFlight: Promise<{ waiting: number; pending: number; deadLetters: number }> | undefined;
    // The three gauges are collected together: the first starts the read, the others share it.
    const read = () => (inFlight ??= readQueue().finally(() => (inFlight = undefined)));

    async function readQueue() {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the queue did not answer within ${timeoutMs} ms`)), timeoutMs);
        });
        try {
            const depth = await Promise.race([sources.queue.depth(), timeout]);
            return { ...depth, waiting: depth.waiting ?? NaN };
        } catch (err) {
            sources.log.warn({ err }, 'reading the queue for metrics failed');
            return { waiting: NaN, pending: NaN, deadLetters: NaN };
        } finally {
            clearTimeout(timer);
        }
    }

    const gauges = [
        ['gstd_queue_depth', 'Queue entries published and not yet delivered (NaN when the queue cannot tell)', 'waiting'],
        ['gstd_queue_pending', 'Queue entries delivered and not yet done with: being handled, or failed and awaiting redelivery', 'pending'],
        ['gstd_queue_dead_letters', 'Queue entries given up on after the delivery cap, still kept', 'deadLetters'],
    ] as const;
    for (const [name, help, field] of gauges) {
        new Gauge({
            name,
            help: `${help}; with Redis, the shared stream's, else this node's`,
            registers: [registry],
            async collect() {
                this.set((await read())[field]);
            },
        });
    }
}
