// Results: one per (task, device), from the slot holder only. The result that completes the open slots decides
// the task, and the decision, every trust update and the entropy count commit in one transaction with it.
import { Address } from '@ton/core';
import {
    canonicalJson,
    canonicalResultHash,
    checkLateResult,
    decideConsensus,
    initialEntropy,
    isEstablished,
    judgeSpotCheck,
    ReceivedResult,
    SybilPolicy,
    TrustVector,
    updateEntropy,
} from '../domain';
import { deviceOfWallet, recordTrustEvent, walletAccuracy } from '../devices/devices';
import { ServiceError } from '../service/serviceError';
import { PendingEvents, transactGrouped } from '../service/afterCommit';
import { nowSeconds, ServiceContext } from '../service/context';
import { Sql } from '../store/sql';
import { expireSlotsOf, findAssignment } from './assignments';
import { expectedHashOf } from './spotChecks';
import { applyTaskEvent, lockTask, setSlotsOpen, TaskRecord } from './taskRecord';

/** What the submitter learns: its result's verdict once there is one, and the task's status. */
export interface SubmissionReceipt {
    taskId: string;
    deviceId: string;
    resultHash: string;
    verdict: 'valid' | 'invalid' | null;
    late: boolean;
    taskStatus: TaskRecord['status'];
    /** This submission's decision made the result valid in a task with an escrow: an intent can be fetched now. */
    payoutReady: boolean;
}

interface ResultRow {
    device_id: string;
    wallet: string;
    result_hash: string;
    turnaround_ms: number;
    verdict: 'valid' | 'invalid' | null;
    /** 1/0 from SQLite, true/false from PostgreSQL: read it with Boolean(). */
    late: number | boolean;
}

/**
 * Submits `output` as the device's result, through the group commit: the answer, and every event the result
 * causes (trust, task status, payout ready), come only after the shared COMMIT. HTTP and WebSocket both use it.
 */
export function submitResult(ctx: ServiceContext, taskId: string, deviceId: string, wallet: Address, output: unknown): Promise<SubmissionReceipt> {
    const canonical = canonicalOutput(output);
    return transactGrouped(ctx, (tx, events) => recordResult(ctx, tx, events, taskId, deviceId, wallet, canonical));
}

export interface CanonicalOutput {
    json: string;
    hash: string;
}

/** The output in canonical JSON and its hash; refused when it is not plain JSON data. */
export function canonicalOutput(output: unknown): CanonicalOutput {
    try {
        return { json: canonicalJson(output), hash: canonicalResultHash(output) };
    } catch (err) {
        throw new ServiceError('invalid', 'BAD_RESULT', `the output is not plain JSON data: ${(err as Error).message}`);
    }
}

/** The result's write, inside the caller's transaction; its events go to `events`, emitted after the commit. */
export async function recordResult(
    ctx: ServiceContext,
    tx: Sql,
    events: PendingEvents,
    taskId: string,
    deviceId: string,
    wallet: Address,
    output: CanonicalOutput,
): Promise<SubmissionReceipt> {
    const resultHash = output.hash;
    const nowMs = ctx.nowMs();
    await deviceOfWallet(tx, deviceId, wallet);
    // Locked: the last two results of a task, arriving at two nodes at once, take turns, so the second sees the
    // first and exactly one of them makes the decision.
    const task = await lockTask(tx, taskId);
    const statusBefore = task.status;
    const trustChanged = (changes: Array<[string, TrustVector]>) => {
        for (const [id, trust] of changes) events.add('trust', id, trust);
    };
    const existing = await resultOf(tx, taskId, deviceId);
    if (existing) {
        if (existing.result_hash !== resultHash) {
            throw new ServiceError('conflict', 'RESULT_CONFLICT', 'this device already submitted a different result for this task');
        }
        return receiptOf(task, deviceId, existing, false);
    }
    const assignment = await findAssignment(tx, taskId, deviceId);
    if (!assignment) throw new ServiceError('forbidden', 'NOT_SLOT_HOLDER', 'this device holds no slot of this task');
    if (task.status === 'open' || task.status === 'validating') {
        trustChanged(await expireSlotsOf(tx, task, nowMs));
    }
    const current = (await findAssignment(tx, taskId, deviceId))!;
    const turnaroundMs = Math.max(0, nowMs - current.assignedAtMs);
    const insert = (verdict: 'valid' | 'invalid' | null, late: boolean) =>
        tx.run(
            `INSERT INTO results (task_id, device_id, wallet, result_hash, output, turnaround_ms, received_at_ms, verdict, late)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            taskId, deviceId, current.wallet, resultHash, output.json, turnaroundMs, nowMs, verdict, late ? 1 : 0,
        );
    const markDelivered = () => tx.run("UPDATE assignments SET status = 'delivered' WHERE task_id = ? AND device_id = ?", taskId, deviceId);

    // A device whose slot timed out before the decision delivers late, after it.
    const lateDelivery = task.status === 'validated' && current.status !== 'delivered';
    if (!lateDelivery && task.status !== 'open' && task.status !== 'validating') {
        throw new ServiceError('conflict', 'TASK_CLOSED', `the task is ${task.status} and takes no more results`);
    }
    // Neither decided nor judged late past its deadline, even before the sweep expires it: the escrow stops
    // paying at the deadline, so a result then must change nothing, trust included.
    if (nowSeconds(ctx) >= task.deadline) {
        throw new ServiceError('conflict', 'TASK_PAST_DEADLINE', 'the task is past its deadline and takes no more results');
    }
    if (lateDelivery) {
        // Checked against the canonical result, within the cap on results.
        if ((await countResults(tx, taskId)) >= task.maxResults) {
            throw new ServiceError('conflict', 'RESULT_CAP_REACHED', 'the task has all the results it can take');
        }
        const verdict = checkLateResult(task.canonicalHash!, resultHash);
        await insert(verdict, true);
        await markDelivered();
        const event = verdict === 'valid' ? { kind: 'valid' as const, turnaroundMs } : { kind: 'invalid' as const };
        trustChanged([[deviceId, await recordTrustEvent(tx, deviceId, event)]]);
        const payoutReady = verdict === 'valid' && isPaid(task);
        if (payoutReady) events.add('payoutReady', taskId, deviceId, task.reward);
        return { taskId, deviceId, resultHash, verdict, late: true, taskStatus: task.status, payoutReady };
    }
    if (current.status === 'timed_out') {
        throw new ServiceError('conflict', 'SLOT_EXPIRED', 'the slot timed out and was given back; a late result is taken only after validation');
    }
    await insert(null, false);
    await markDelivered();
    const results = await resultsOf(tx, taskId);
    if (results.length === task.slotsOpen) {
        trustChanged(task.spotCheckId === null ? await decide(tx, ctx.sybil, task, results, nowMs) : await judge(tx, task, results[0], nowMs));
    }
    if (task.status !== statusBefore) events.add('task', taskId, task.status);
    // The decision happened here: every result it made valid can be paid now, this one's included.
    const decided = statusBefore !== 'validated' && task.status === 'validated' && isPaid(task);
    if (decided) {
        for (const row of await resultsOf(tx, taskId)) {
            if (row.verdict === 'valid') events.add('payoutReady', taskId, row.device_id, task.reward);
        }
    }
    const row = (await resultOf(tx, taskId, deviceId))!;
    return receiptOf(task, deviceId, row, decided && row.verdict === 'valid');
}

/** A spot check has no escrow: its valid results are judged, never paid. */
function isPaid(task: TaskRecord): boolean {
    return task.spotCheckId === null;
}

/**
 * A spot check's one result is judged at once against the known answer: right validates it, wrong fails it, and
 * either way the identity's trust takes the verdict. Entropy is left alone: no peers were compared.
 */
async function judge(tx: Sql, task: TaskRecord, row: ResultRow, nowMs: number): Promise<Array<[string, TrustVector]>> {
    const expected = await expectedHashOf(tx, task);
    const verdict = judgeSpotCheck(expected, row.result_hash);
    await tx.run('UPDATE tasks SET canonical_hash = ? WHERE id = ?', expected, task.id);
    task.canonicalHash = expected;
    await tx.run('UPDATE results SET verdict = ? WHERE task_id = ? AND device_id = ?', verdict, task.id, row.device_id);
    await applyTaskEvent(tx, task, verdict === 'valid' ? 'majority' : 'no_majority_at_cap', nowMs);
    const event = verdict === 'valid' ? { kind: 'valid' as const, turnaroundMs: row.turnaround_ms } : { kind: 'invalid' as const };
    return [[row.device_id, await recordTrustEvent(tx, row.device_id, event)]];
}

/**
 * Every open slot has delivered: decide. A majority validates the task and gives every result its verdict;
 * a collision (no majority, or a majority of identities without a record against an established one) opens one
 * more slot, or fails the task at the cap. Entropy counts the verdict either way.
 */
async function decide(tx: Sql, policy: SybilPolicy, task: TaskRecord, rows: ResultRow[], nowMs: number): Promise<Array<[string, TrustVector]>> {
    const received: ReceivedResult[] = [];
    for (const r of rows) {
        received.push({
            deviceId: r.device_id,
            wallet: r.wallet,
            resultHash: r.result_hash,
            turnaroundMs: r.turnaround_ms,
            established: isEstablished(await walletAccuracy(tx, r.wallet), policy.establishedAccuracyBound),
        });
    }
    const outcome = decideConsensus(received, {
        quorum: task.redundancy,
        maxResults: task.maxResults,
        establishedMajority: policy.establishedMajority,
    });
    if (outcome.kind === 'pending') return [];
    const changes = await applyOutcome(tx, task, received, outcome, nowMs);
    // Last, so it is held only for the commit: every decision of the operation, on every node, waits for this row.
    await recordEntropy(tx, task.operation, outcome.kind === 'decided' ? 'agreement' : 'collision');
    return changes;
}

type Outcome = Exclude<ReturnType<typeof decideConsensus>, { kind: 'pending' }>;

/** Stores the outcome of a round: a collision (one more slot, or failure) or a majority with every verdict. */
async function applyOutcome(tx: Sql, task: TaskRecord, received: ReceivedResult[], outcome: Outcome, nowMs: number): Promise<Array<[string, TrustVector]>> {
    if (outcome.kind === 'collision') {
        await tx.run(
            'INSERT INTO collisions (task_id, received, largest_group, resolution, at_ms) VALUES (?, ?, ?, ?, ?)',
            task.id,
            outcome.received,
            outcome.largestGroup,
            outcome.resolution,
            nowMs,
        );
        if (outcome.resolution === 'arbitrate') {
            await setSlotsOpen(tx, task, task.slotsOpen + 1);
            await applyTaskEvent(tx, task, 'arbitration', nowMs);
        } else {
            // Nobody is known to be right: accuracy is left alone; delivering still counts for stability.
            await applyTaskEvent(tx, task, 'no_majority_at_cap', nowMs);
            const changes: Array<[string, TrustVector]> = [];
            for (const r of received) changes.push([r.deviceId, await recordTrustEvent(tx, r.deviceId, { kind: 'unjudged' })]);
            return changes;
        }
        return [];
    }
    await tx.run('UPDATE tasks SET canonical_hash = ? WHERE id = ?', outcome.canonicalHash, task.id);
    task.canonicalHash = outcome.canonicalHash;
    await applyTaskEvent(tx, task, 'majority', nowMs);
    const changes: Array<[string, TrustVector]> = [];
    for (const r of received) {
        const valid = r.resultHash === outcome.canonicalHash;
        await tx.run('UPDATE results SET verdict = ? WHERE task_id = ? AND device_id = ?', valid ? 'valid' : 'invalid', task.id, r.deviceId);
        const event = valid ? { kind: 'valid' as const, turnaroundMs: r.turnaroundMs } : { kind: 'invalid' as const };
        changes.push([r.deviceId, await recordTrustEvent(tx, r.deviceId, event)]);
    }
    return changes;
}

/** Counts the verdict for the operation; its row is locked to the commit, so concurrent decisions add up. */
async function recordEntropy(tx: Sql, operation: string, verdict: 'agreement' | 'collision'): Promise<void> {
    const initial = initialEntropy();
    await tx.run(
        'INSERT INTO entropy (operation, decisions, collisions) VALUES (?, ?, ?) ON CONFLICT (operation) DO NOTHING',
        operation,
        initial.decisions,
        initial.collisions,
    );
    const row = await tx.one<{ decisions: number; collisions: number }>(
        `SELECT decisions, collisions FROM entropy WHERE operation = ?${tx.forUpdate}`,
        operation,
    );
    const next = updateEntropy(row!, verdict);
    await tx.run('UPDATE entropy SET decisions = ?, collisions = ? WHERE operation = ?', next.decisions, next.collisions, operation);
}

const RESULT_COLUMNS = 'device_id, wallet, result_hash, turnaround_ms, verdict, late';

function resultOf(sql: Sql, taskId: string, deviceId: string): Promise<ResultRow | undefined> {
    return sql.one<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM results WHERE task_id = ? AND device_id = ?`, taskId, deviceId);
}

/** The task's on-time results, by device: the order their trust rows are locked in, the same on every node. */
function resultsOf(sql: Sql, taskId: string): Promise<ResultRow[]> {
    return sql.all<ResultRow>(`SELECT ${RESULT_COLUMNS} FROM results WHERE task_id = ? AND NOT late ORDER BY device_id`, taskId);
}

async function countResults(sql: Sql, taskId: string): Promise<number> {
    return (await sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM results WHERE task_id = ?', taskId))!.n;
}

function receiptOf(task: TaskRecord, deviceId: string, row: ResultRow, payoutReady: boolean): SubmissionReceipt {
    return { taskId: task.id, deviceId, resultHash: row.result_hash, verdict: row.verdict, late: Boolean(row.late), taskStatus: task.status, payoutReady };
}
