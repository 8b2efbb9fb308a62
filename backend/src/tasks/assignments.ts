// Slots: a device holds one until it delivers or its time runs out. The store's keys enforce quorum diversity
// (one slot per device and per wallet in a task); the checks here give each refusal its own code.
import { isEligible, trustScore } from '../domain';
import { deviceOfWallet, recordTrustEvent } from '../devices/devices';
import { Address } from '@ton/core';
import { ServiceError } from '../service/serviceError';
import { PendingEvents, transact } from '../service/afterCommit';
import { nowSeconds, ServiceContext } from '../service/context';
import { Sql } from '../store/sql';
import { TrustVector } from '../domain';
import { applyTaskEvent, lockTask, TaskRecord } from './taskRecord';

export type AssignmentStatus = 'active' | 'delivered' | 'timed_out';

export interface Assignment {
    taskId: string;
    deviceId: string;
    wallet: string;
    status: AssignmentStatus;
    assignedAtMs: number;
    expiresAtMs: number;
}

interface AssignmentRow {
    task_id: string;
    device_id: string;
    wallet: string;
    status: AssignmentStatus;
    assigned_at_ms: number;
    expires_at_ms: number;
}

function assignmentOf(row: AssignmentRow): Assignment {
    return {
        taskId: row.task_id,
        deviceId: row.device_id,
        wallet: row.wallet,
        status: row.status,
        assignedAtMs: row.assigned_at_ms,
        expiresAtMs: row.expires_at_ms,
    };
}

export async function findAssignment(sql: Sql, taskId: string, deviceId: string): Promise<Assignment | null> {
    const row = await sql.one<AssignmentRow>('SELECT * FROM assignments WHERE task_id = ? AND device_id = ?', taskId, deviceId);
    return row ? assignmentOf(row) : null;
}

/** Slots of the task held or delivered: the ones that count against `slots_open`. */
export async function slotsTaken(sql: Sql, taskId: string): Promise<number> {
    const row = await sql.one<{ n: number }>("SELECT COUNT(*) AS n FROM assignments WHERE task_id = ? AND status IN ('active', 'delivered')", taskId);
    return row!.n;
}

/**
 * Gives `deviceId` (which must belong to `wallet`) a slot of the task. Refused unless the task is open and before
 * its deadline, the device has the operation as a capability, its trust score right now is at least the task's
 * minimum, neither it nor another device of its wallet has (or had) a slot of this task, and a slot is free.
 */
export function claimSlot(ctx: ServiceContext, taskId: string, deviceId: string, wallet: Address): Promise<{ task: TaskRecord; assignment: Assignment }> {
    return transact(ctx, (tx, events) => takeSlot(ctx, tx, events, taskId, deviceId, wallet));
}

/** claimSlot's write, inside the caller's transaction; its events go to `events`, emitted after the commit. */
export async function takeSlot(
    ctx: ServiceContext,
    tx: Sql,
    events: PendingEvents,
    taskId: string,
    deviceId: string,
    wallet: Address,
): Promise<{ task: TaskRecord; assignment: Assignment }> {
    const nowMs = ctx.nowMs();
    const device = await deviceOfWallet(tx, deviceId, wallet);
    // Locked: the count of slots taken below stays true until the commit, whichever node claims next.
    const task = await lockTask(tx, taskId);
    // Another wallet's spot check does not exist for this one: the same answer as an unknown id.
    if (task.spotCheckWallet !== null && task.spotCheckWallet !== device.wallet) {
        throw new ServiceError('not_found', 'TASK_NOT_FOUND', `no task ${taskId}`);
    }
    for (const [id, trust] of await expireSlotsOf(tx, task, nowMs)) events.add('trust', id, trust);
    // A validating task has every slot taken, and one may free up: it is refused as NO_SLOT_FREE below.
    if (task.status !== 'open' && task.status !== 'validating') {
        throw new ServiceError('conflict', 'TASK_NOT_OPEN', `the task is ${task.status}`);
    }
    if (nowSeconds(ctx) >= task.deadline) throw new ServiceError('conflict', 'TASK_PAST_DEADLINE', 'the task is past its deadline');
    if (!device.capabilities.includes(task.operation)) {
        throw new ServiceError('forbidden', 'MISSING_CAPABILITY', `the device does not have the capability "${task.operation}"`);
    }
    if (!isEligible(device.trust, task.minTrustScore)) {
        throw new ServiceError(
            'forbidden',
            'TRUST_TOO_LOW',
            `the device's trust score ${trustScore(device.trust).toFixed(4)} is below the task's minimum ${task.minTrustScore}`,
        );
    }
    if (await findAssignment(tx, taskId, deviceId)) throw new ServiceError('conflict', 'ALREADY_ASSIGNED', 'this device already has (or had) a slot of this task');
    if (await tx.one('SELECT 1 FROM assignments WHERE task_id = ? AND wallet = ?', taskId, device.wallet)) {
        throw new ServiceError('conflict', 'WALLET_ALREADY_ASSIGNED', 'another device of this wallet already has (or had) a slot of this task');
    }
    const taken = await slotsTaken(tx, taskId);
    if (task.status !== 'open' || taken >= task.slotsOpen) {
        throw new ServiceError('conflict', 'NO_SLOT_FREE', 'every slot of this task is taken');
    }
    const assignment: Assignment = {
        taskId,
        deviceId,
        wallet: device.wallet,
        status: 'active',
        assignedAtMs: nowMs,
        expiresAtMs: nowMs + task.slotTimeoutSeconds * 1000,
    };
    await tx.run(
        `INSERT INTO assignments (task_id, device_id, wallet, status, assigned_at_ms, expires_at_ms) VALUES (?, ?, ?, 'active', ?, ?)`,
        taskId,
        deviceId,
        device.wallet,
        assignment.assignedAtMs,
        assignment.expiresAtMs,
    );
    if (taken + 1 === task.slotsOpen) await applyTaskEvent(tx, task, 'slots_filled', nowMs);
    if (task.status !== 'open') events.add('task', taskId, task.status);
    return { task, assignment };
}

/**
 * Times out the task's held slots whose time has run out: each counts against its device's stability, and the
 * slot is free again. Call inside a transaction that read the task through lockTask; returns the trust vectors
 * it changed.
 */
export async function expireSlotsOf(tx: Sql, task: TaskRecord, nowMs: number): Promise<Array<[string, TrustVector]>> {
    const expired = await tx.all<AssignmentRow>(
        "SELECT * FROM assignments WHERE task_id = ? AND status = 'active' AND expires_at_ms <= ? ORDER BY device_id",
        task.id,
        nowMs,
    );
    const changed: Array<[string, TrustVector]> = [];
    for (const row of expired) {
        await tx.run("UPDATE assignments SET status = 'timed_out' WHERE task_id = ? AND device_id = ?", row.task_id, row.device_id);
        changed.push([row.device_id, await recordTrustEvent(tx, row.device_id, { kind: 'timeout' })]);
    }
    if (expired.length > 0 && task.status === 'validating') await applyTaskEvent(tx, task, 'slot_reopened', nowMs);
    return changed;
}
