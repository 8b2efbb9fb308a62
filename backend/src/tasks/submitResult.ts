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
import { Db } from '../store/database';
import { sql } from '../store/statements';
import { expireSlotsOf, findAssignment } from './assignments';
import { expectedHashOf } from './spotChecks';
import { applyTaskEvent, requireTask, setSlotsOpen, TaskRecord } from './taskRecord';

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
    late: number;
}

/**
 * Submits `output` as the device's result, through the group commit: the answer, and every event the result
 * causes (trust, task status, payout ready), come only after the shared COMMIT. HTTP and WebSocket both use it.
 */
export function submitResult(ctx: ServiceContext, taskId: string, deviceId: string, wallet: Address, output: unknown): Promise<SubmissionReceipt> {
    const canonical = canonicalOutput(output);
    return transactGrouped(ctx, (events) => recordResult(ctx, events, taskId, deviceId, wallet, canonical));
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
export function recordResult(
    ctx: ServiceContext,
    events: PendingEvents,
    taskId: string,
    deviceId: string,
    wallet: Address,
    output: CanonicalOutput,
): SubmissionReceipt {
    const resultHash = output.hash;
    const nowMs = ctx.nowMs();
    deviceOfWallet(ctx.db, deviceId, wallet);
    const task = requireTask(ctx.db, taskId);
    const statusBefore = task.status;
    const trustChanged = (changes: Array<[string, TrustVector]>) => {
        for (const [id, trust] of changes) events.add('trust', id, trust);
    };
    const existing = resultOf(ctx.db, taskId, deviceId);
    if (existing) {
        if (existing.result_hash !== resultHash) {
            throw new ServiceError('conflict', 'RESULT_CONFLICT', 'this device already submitted a different result for this task');
        }
        return receiptOf(task, deviceId, existing, false);
    }
    const assignment = findAssignment(ctx.db, taskId, deviceId);
    if (!assignment) throw new ServiceError('forbidden', 'NOT_SLOT_HOLDER', 'this device holds no slot of this task');
    if (task.status === 'open' || task.status === 'validating') {
        trustChanged(expireSlotsOf(ctx.db, task, nowMs));
    }
    const current = findAssignment(ctx.db, taskId, deviceId)!;
    const turnaroundMs = Math.max(0, nowMs - current.assignedAtMs);
    const insert = (verdict: 'valid' | 'invalid' | null, late: boolean) =>
        sql(
            ctx.db,
            `INSERT INTO results (task_id, device_id, wallet, result_hash, output, turnaround_ms, received_at_ms, verdict, late)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(taskId, deviceId, current.wallet, resultHash, output.json, turnaroundMs, nowMs, verdict, late ? 1 : 0);

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
        if (countResults(ctx.db, taskId) >= task.maxResults) {
            throw new ServiceError('conflict', 'RESULT_CAP_REACHED', 'the task has all the results it can take');
        }
        const verdict = checkLateResult(task.canonicalHash!, resultHash);
        insert(verdict, true);
        sql(ctx.db, "UPDATE assignments SET status = 'delivered' WHERE task_id = ? AND device_id = ?").run(taskId, deviceId);
        const event = verdict === 'valid' ? { kind: 'valid' as const, turnaroundMs } : { kind: 'invalid' as const };
        trustChanged([[deviceId, recordTrustEvent(ctx.db, deviceId, event)]]);
        const payoutReady = verdict === 'valid' && isPaid(task);
        if (payoutReady) events.add('payoutReady', taskId, deviceId, task.reward);
        return { taskId, deviceId, resultHash, verdict, late: true, taskStatus: task.status, payoutReady };
    }
    if (current.status === 'timed_out') {
        throw new ServiceError('conflict', 'SLOT_EXPIRED', 'the slot timed out and was given back; a late result is taken only after validation');
    }
    insert(null, false);
    sql(ctx.db, "UPDATE assignments SET status = 'delivered' WHERE task_id = ? AND device_id = ?").run(taskId, deviceId);
    const results = resultsOf(ctx.db, taskId);
    if (results.length === task.slotsOpen) {
        trustChanged(task.spotCheckId === null ? decide(ctx.db, ctx.sybil, task, results, nowMs) : judge(ctx.db, task, results[0], nowMs));
    }
    if (task.status !== statusBefore) events.add('task', taskId, task.status);
    // The decision happened here: every result it made valid can be paid now, this one's included.
    const decided = statusBefore !== 'validated' && task.status === 'validated' && isPaid(task);
    if (decided) {
        for (const row of resultsOf(ctx.db, taskId)) {
            if (row.verdict === 'valid') events.add('payoutReady', taskId, row.device_id, task.reward);
        }
    }
    const row = resultOf(ctx.db, taskId, deviceId)!;
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
function judge(db: Db, task: TaskRecord, row: ResultRow, nowMs: number): Array<[string, TrustVector]> {
    const expected = expectedHashOf(db, task);
    const verdict = judgeSpotCheck(expected, row.result_hash);
    sql(db, 'UPDATE tasks SET canonical_hash = ? WHERE id = ?').run(expected, task.id);
    task.canonicalHash = expected;
    sql(db, 'UPDATE results SET verdict = ? WHERE task_id = ? AND device_id = ?').run(verdict, task.id, row.device_id);
    applyTaskEvent(db, task, verdict === 'valid' ? 'majority' : 'no_majority_at_cap', nowMs);
    const event = verdict === 'valid' ? { kind: 'valid' as const, turnaroundMs: row.turnaround_ms } : { kind: 'invalid' as const };
    return [[row.device_id, recordTrustEvent(db, row.device_id, event)]];
}

/**
 * Every open slot has delivered: decide. A majority validates the task and gives every result its verdict;
 * a collision (no majority, or a majority of identities without a record against an established one) opens one
 * more slot, or fails the task at the cap. Entropy counts the verdict either way.
 */
function decide(db: Db, policy: SybilPolicy, task: TaskRecord, rows: ResultRow[], nowMs: number): Array<[string, TrustVector]> {
    const received: ReceivedResult[] = rows.map((r) => ({
        deviceId: r.device_id,
        wallet: r.wallet,
        resultHash: r.result_hash,
        turnaroundMs: r.turnaround_ms,
        established: isEstablished(walletAccuracy(db, r.wallet), policy.establishedAccuracyBound),
    }));
    const outcome = decideConsensus(received, {
        quorum: task.redundancy,
        maxResults: task.maxResults,
        establishedMajority: policy.establishedMajority,
    });
    if (outcome.kind === 'pending') return [];
    recordEntropy(db, task.operation, outcome.kind === 'decided' ? 'agreement' : 'collision');
    if (outcome.kind === 'collision') {
        sql(db, 'INSERT INTO collisions (task_id, received, largest_group, resolution, at_ms) VALUES (?, ?, ?, ?, ?)').run(
            task.id,
            outcome.received,
            outcome.largestGroup,
            outcome.resolution,
            nowMs,
        );
        if (outcome.resolution === 'arbitrate') {
            setSlotsOpen(db, task, task.slotsOpen + 1);
            applyTaskEvent(db, task, 'arbitration', nowMs);
        } else {
            // Nobody is known to be right: accuracy is left alone; delivering still counts for stability.
            applyTaskEvent(db, task, 'no_majority_at_cap', nowMs);
            return received.map((r) => [r.deviceId, recordTrustEvent(db, r.deviceId, { kind: 'unjudged' })]);
        }
        return [];
    }
    sql(db, 'UPDATE tasks SET canonical_hash = ? WHERE id = ?').run(outcome.canonicalHash, task.id);
    task.canonicalHash = outcome.canonicalHash;
    applyTaskEvent(db, task, 'majority', nowMs);
    const changes: Array<[string, TrustVector]> = [];
    const setVerdict = sql(db, 'UPDATE results SET verdict = ? WHERE task_id = ? AND device_id = ?');
    for (const r of received) {
        const valid = r.resultHash === outcome.canonicalHash;
        setVerdict.run(valid ? 'valid' : 'invalid', task.id, r.deviceId);
        const event = valid ? { kind: 'valid' as const, turnaroundMs: r.turnaroundMs } : { kind: 'invalid' as const };
        changes.push([r.deviceId, recordTrustEvent(db, r.deviceId, event)]);
    }
    return changes;
}

function recordEntropy(db: Db, operation: string, verdict: 'agreement' | 'collision'): void {
    const row = sql(db, 'SELECT decisions, collisions FROM entropy WHERE operation = ?').get(operation) as
        | { decisions: number; collisions: number }
        | undefined;
    const next = updateEntropy(row ?? initialEntropy(), verdict);
    sql(db, 'INSERT OR REPLACE INTO entropy (operation, decisions, collisions) VALUES (?, ?, ?)').run(operation, next.decisions, next.collisions);
}

function resultOf(db: Db, taskId: string, deviceId: string): ResultRow | undefined {
    return sql(db, 'SELECT device_id, wallet, result_hash, turnaround_ms, verdict, late FROM results WHERE task_id = ? AND device_id = ?').get(
        taskId,
        deviceId,
    ) as ResultRow | undefined;
}

function resultsOf(db: Db, taskId: string): ResultRow[] {
    return sql(db, 'SELECT device_id, wallet, result_hash, turnaround_ms, verdict, late FROM results WHERE task_id = ? AND late = 0').all(
        taskId,
    ) as ResultRow[];
}

function countResults(db: Db, taskId: string): number {
    return (sql(db, 'SELECT COUNT(*) AS n FROM results WHERE task_id = ?').get(taskId) as { n: number }).n;
}

function receiptOf(task: TaskRecord, deviceId: string, row: ResultRow, payoutReady: boolean): SubmissionReceipt {
    return { taskId: task.id, deviceId, resultHash: row.result_hash, verdict: row.verdict, late: row.late === 1, taskStatus: task.status, payoutReady };
}
