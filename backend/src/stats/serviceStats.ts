// The operator's live numbers, from the store and what the caller knows of this node (its hub, its chain watch).
// Every count is one aggregate query; nothing here writes. The readers are exported: /metrics reports the same
// numbers through them, so the two views never disagree.
import { effectiveTrust, initialAccuracy, trustScore } from '../domain';
import { ServiceContext } from '../service/context';
import { Sql, SqlParam } from '../store/sql';
import { TaskStatus } from '../tasks/taskStatus';

/** Results are counted in buckets of this length over the last RESULTS_WINDOW_MS. */
export const RESULTS_BUCKET_MS = 10_000;
export const RESULTS_WINDOW_MS = 5 * 60_000;
/** Results per second are averaged over this long. */
const RATE_WINDOW_MS = 60_000;
const TRUST_BUCKETS = 10;

export interface NodeState {
    connectedDevices: number;
    offersSent: number;
    /** When this node's chain watch last finished a round; null before the first. */
    lastChainRoundAtMs: number | null;
}

export interface ServiceStatsRecord {
    atMs: number;
    devices: { connected: number; registered: number };
    tasks: Record<TaskStatus, number>;
    results: { perSecond: number; timeline: Array<{ startMs: number; results: number }> };
    intents: { issued: number; paid: number; paidAmount: bigint };
    queue: { outbox: number; freeSlots: number; offersSent: number };
    chainWatch: { lastRoundAtMs: number | null; lagMs: number | null; awaitingEscrow: number; unpaidIntents: number };
    /** Devices per score bucket [i/10, (i+1)/10), the last one closed. */
    trust: number[];
}

export async function serviceStats(ctx: ServiceContext, node: NodeState): Promise<ServiceStatsRecord> {
    const db = ctx.store;
    const atMs = ctx.nowMs();
    const tasks = await tasksByStatus(db);

    const windowStart = Math.floor((atMs - RESULTS_WINDOW_MS) / RESULTS_BUCKET_MS + 1) * RESULTS_BUCKET_MS;
    const timeline = Array.from({ length: RESULTS_WINDOW_MS / RESULTS_BUCKET_MS }, (_, i) => ({ startMs: windowStart + i * RESULTS_BUCKET_MS, results: 0 }));
    const buckets = await db.all<{ bucket: number | string; n: number }>(
        'SELECT (received_at_ms - ?) / ? AS bucket, COUNT(*) AS n FROM results WHERE received_at_ms >= ? AND received_at_ms <= ? GROUP BY bucket',
        windowStart,
        RESULTS_BUCKET_MS,
        windowStart,
        atMs,
    );
    for (const { bucket, n } of buckets) if (timeline[Number(bucket)]) timeline[Number(bucket)].results = n;
    const lastMinute = await count(db, 'SELECT COUNT(*) AS n FROM results WHERE received_at_ms > ? AND received_at_ms <= ?', atMs - RATE_WINDOW_MS, atMs);

    return {
        atMs,
        devices: { connected: node.connectedDevices, registered: await count(db, 'SELECT COUNT(*) AS n FROM devices') },
        tasks,
        results: { perSecond: lastMinute / (RATE_WINDOW_MS / 1000), timeline },
        intents: await intentCounts(db),
        queue: {
            outbox: await outboxRows(db),
            freeSlots: await count(
                db,
                `SELECT SUM(CASE WHEN free > 0 THEN free ELSE 0 END) AS n FROM (
                     SELECT t.slots_open - (SELECT COUNT(*) FROM assignments a WHERE a.task_id = t.id AND a.status IN ('active', 'delivered')) AS free
                     FROM tasks t WHERE t.status = 'open' AND t.spot_check_id IS NULL
                 ) AS open_tasks`,
            ),
            offersSent: node.offersSent,
        },
        chainWatch: {
            lastRoundAtMs: node.lastChainRoundAtMs,
            lagMs: node.lastChainRoundAtMs === null ? null : Math.max(0, atMs - node.lastChainRoundAtMs),
            awaitingEscrow: tasks.awaiting_escrow,
            unpaidIntents: await count(
                db,
                `SELECT COUNT(*) AS n FROM payout_intents i
                 LEFT JOIN claims_paid c ON c.task_id = i.task_id AND c.executor = i.executor WHERE c.executor IS NULL`,
            ),
        },
        trust: await trustHistogram(ctx),
    };
}

/** A single count or sum; PostgreSQL returns a SUM of integers as a decimal string. */
async function count(db: Sql, query: string, ...args: SqlParam[]): Promise<number> {
    return Number((await db.one<{ n: number | string | null }>(query, ...args))?.n ?? 0);
}

/** Tasks by status, spot checks left out (they are the service's own, not requesters'). */
export async function tasksByStatus(db: Sql): Promise<Record<TaskStatus, number>> {
    const tasks: Record<TaskStatus, number> = { awaiting_escrow: 0, open: 0, validating: 0, validated: 0, failed: 0, expired: 0 };
    for (const row of await db.all<{ status: TaskStatus; n: number }>('SELECT status, COUNT(*) AS n FROM tasks WHERE spot_check_id IS NULL GROUP BY status')) {
        tasks[row.status] = row.n;
    }
    return tasks;
}

/**
 * Intents issued: (task, executor) pairs that were given one (a re-signed intent replaces its row, so it is not
 * counted again). Paid: the claims the chain showed, and what they paid.
 */
export async function intentCounts(db: Sql): Promise<ServiceStatsRecord['intents']> {
    // Summed as bigint: a total of nanotons soon passes what a double (or SQLite's SUM) holds exactly.
    const paidAmounts = await db.all<{ amount: string }>('SELECT amount FROM claims_paid');
    const paidAmount = paidAmounts.reduce((total, row) => total + BigInt(row.amount), 0n);
    return { issued: await count(db, 'SELECT COUNT(*) AS n FROM payout_intents'), paid: paidAmounts.length, paidAmount };
}

/** Task openings committed and not yet handed to the queue. */
export function outboxRows(db: Sql): Promise<number> {
    return count(db, 'SELECT COUNT(*) AS n FROM queue_outbox');
}

interface DeviceTrustRow {
    accuracy_alpha: number;
    accuracy_beta: number;
    latency_ewma_ms: number | null;
    stability: number;
    wallet_alpha: number | null;
    wallet_beta: number | null;
}

/** Every registered device's score as it acts now (its wallet's accuracy, its own latency and stability), bucketed. */
export async function trustHistogram(ctx: ServiceContext): Promise<number[]> {
    const histogram = new Array<number>(TRUST_BUCKETS).fill(0);
    const rows = await ctx.store.all<DeviceTrustRow>(
        `SELECT d.accuracy_alpha, d.accuracy_beta, d.latency_ewma_ms, d.stability,
                w.accuracy_alpha AS wallet_alpha, w.accuracy_beta AS wallet_beta
         FROM devices d LEFT JOIN wallet_trust w ON w.wallet = d.wallet`,
    );
    for (const row of rows) {
        const wallet = row.wallet_alpha === null ? initialAccuracy() : { accuracyAlpha: row.wallet_alpha, accuracyBeta: row.wallet_beta! };
        const own = { accuracyAlpha: row.accuracy_alpha, accuracyBeta: row.accuracy_beta, latencyEwmaMs: row.latency_ewma_ms, stability: row.stability };
        const score = trustScore(effectiveTrust(wallet, own));
        histogram[Math.min(TRUST_BUCKETS - 1, Math.max(0, Math.floor(score * TRUST_BUCKETS)))]++;
    }
    return histogram;
}
