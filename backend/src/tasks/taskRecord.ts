// A task as stored, read and written through one place so its status only ever changes along the machine.
import { Address } from '@ton/core';
import { decodeCursor, Page, pageOf } from '../service/pageCursor';
import { ServiceError } from '../service/serviceError';
import { Sql } from '../store/sql';
import { nextStatus, TaskEvent, TaskStatus } from './taskStatus';

export interface TaskRecord {
    id: string;
    requester: string;
    operation: string;
    input: string;
    moduleSha256: string | null;
    budget: bigint;
    reward: bigint;
    redundancy: number;
    maxResults: number;
    slotsOpen: number;
    minTrustScore: number;
    deadline: number;
    slotTimeoutSeconds: number;
    status: TaskStatus;
    escrow: Address;
    fundingId: bigint | null;
    feeBps: bigint | null;
    canonicalHash: string | null;
    escrowProblem: string | null;
    createdAt: number;
    updatedAt: number;
    /** A known-answer spot check (see spotChecks.ts): its definition, and the one wallet it is offered to. */
    spotCheckId: number | null;
    spotCheckWallet: string | null;
}

/** A task as the tasks table stores it. */
export interface TaskRow {
    id: string;
    requester: string;
    operation: string;
    input: string;
    module_sha256: string | null;
    budget: string;
    reward: string;
    redundancy: number;
    max_results: number;
    slots_open: number;
    min_trust_score: number;
    deadline: number;
    slot_timeout_seconds: number;
    status: TaskStatus;
    escrow: string;
    funding_id: string | null;
    fee_bps: number | null;
    canonical_hash: string | null;
    escrow_problem: string | null;
    created_at: number;
    updated_at: number;
    spot_check_id: number | null;
    spot_check_wallet: string | null;
}

export function taskOfRow(row: TaskRow): TaskRecord {
    return {
        id: row.id,
        requester: row.requester,
        operation: row.operation,
        input: row.input,
        moduleSha256: row.module_sha256,
        budget: BigInt(row.budget),
        reward: BigInt(row.reward),
        redundancy: row.redundancy,
        maxResults: row.max_results,
        slotsOpen: row.slots_open,
        minTrustScore: row.min_trust_score,
        deadline: row.deadline,
        slotTimeoutSeconds: row.slot_timeout_seconds,
        status: row.status,
        escrow: Address.parseRaw(row.escrow),
        fundingId: row.funding_id === null ? null : BigInt(row.funding_id),
        feeBps: row.fee_bps === null ? null : BigInt(row.fee_bps),
        canonicalHash: row.canonical_hash,
        escrowProblem: row.escrow_problem,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        spotCheckId: row.spot_check_id,
        spotCheckWallet: row.spot_check_wallet,
    };
}

export async function insertTask(sql: Sql, task: TaskRecord): Promise<void> {
    await sql.run(
        `INSERT INTO tasks (id, requester, operation, input, module_sha256, budget, reward, redundancy, max_results, slots_open,
                            min_trust_score, deadline, slot_timeout_seconds, status, escrow, fee_bps, created_at, updated_at,
                            spot_check_id, spot_check_wallet)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        task.id,
        task.requester,
        task.operation,
        task.input,
        task.moduleSha256,
        task.budget.toString(),
        task.reward.toString(),
        task.redundancy,
        task.maxResults,
        task.slotsOpen,
        task.minTrustScore,
        task.deadline,
        task.slotTimeoutSeconds,
        task.status,
        task.escrow.toRawString(),
        task.feeBps === null ? null : Number(task.feeBps),
        task.createdAt,
        task.updatedAt,
        task.spotCheckId,
        task.spotCheckWallet,
    );
}

export async function findTask(sql: Sql, id: string): Promise<TaskRecord | null> {
    const row = await sql.one<TaskRow>('SELECT * FROM tasks WHERE id = ?', id);
    return row ? taskOfRow(row) : null;
}

export async function requireTask(sql: Sql, id: string): Promise<TaskRecord> {
    const task = await findTask(sql, id);
    if (!task) throw new ServiceError('not_found', 'TASK_NOT_FOUND', `no task ${id}`);
    return task;
}

/**
 * The task, locked for the rest of the transaction: every write to a task's state (slots, results, the decision,
 * its escrow, its expiry) reads it through here first, so on PostgreSQL two nodes handling the same task take
 * turns, and the second sees what the first committed.
 */
export async function lockTask(tx: Sql, id: string): Promise<TaskRecord> {
    const row = await tx.one<TaskRow>(`SELECT * FROM tasks WHERE id = ?${tx.forUpdate}`, id);
    if (!row) throw new ServiceError('not_found', 'TASK_NOT_FOUND', `no task ${id}`);
    return taskOfRow(row);
}

/** The requester's tasks, newest first, a page at a time: keyset on the tasks_by_requester index. */
export async function tasksOfRequester(sql: Sql, requester: Address, limit: number, cursor?: string): Promise<Page<TaskRecord>> {
    const wallet = requester.toRawString();
    const select = 'SELECT * FROM tasks WHERE requester = ? AND spot_check_id IS NULL';
    const order = 'ORDER BY created_at DESC, id DESC LIMIT ?';
    let rows: TaskRow[];
    if (cursor === undefined) {
        rows = await sql.all<TaskRow>(`${select} ${order}`, wallet, limit + 1);
    } else {
        const after = decodeCursor(TASK_LIST, cursor);
        rows = await sql.all<TaskRow>(`${select} AND (created_at, id) < (?, ?) ${order}`, wallet, after.sortKey, after.id, limit + 1);
    }
    return pageOf(TASK_LIST, rows.map(taskOfRow), limit, (task) => ({ sortKey: task.createdAt, id: task.id }));
}

const TASK_LIST = 'tasks';

export async function tasksInStatus(sql: Sql, status: TaskStatus, limit: number): Promise<TaskRecord[]> {
    const rows = await sql.all<TaskRow>('SELECT * FROM tasks WHERE status = ? ORDER BY created_at, id LIMIT ?', status, limit);
    return rows.map(taskOfRow);
}

/**
 * Moves the task along the machine (throws InvalidTransition off it) and returns the new status. The task must
 * have been read through lockTask in this transaction; a row that moved on anyway is refused, never overwritten.
 */
export async function applyTaskEvent(tx: Sql, task: TaskRecord, event: TaskEvent, nowMs: number): Promise<TaskStatus> {
    const to = nextStatus(task.status, event);
    const changed = await tx.run('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? AND status = ?', to, nowMs, task.id, task.status);
    if (changed !== 1) throw new Error(`task ${task.id} is no longer ${task.status}: it was changed outside this transaction's lock`);
    // Every opening is queued for offering, through the outbox, in this same transaction.
    if (to === 'open') await tx.run('INSERT INTO queue_outbox (task_id, created_at) VALUES (?, ?)', task.id, nowMs);
    task.status = to;
    task.updatedAt = nowMs;
    return to;
}

export async function setSlotsOpen(tx: Sql, task: TaskRecord, slotsOpen: number): Promise<void> {
    await tx.run('UPDATE tasks SET slots_open = ? WHERE id = ?', slotsOpen, task.id);
    task.slotsOpen = slotsOpen;
}
