// Open tasks a device may take right now: the same rules as claiming a slot, applied to a list.
import { Address } from '@ton/core';
import { isEligible } from '../domain';
import { deviceOfWallet } from '../devices/devices';
import { nowSeconds, ServiceContext } from '../service/context';
import { sql } from '../store/statements';
import { findTask, TaskRecord } from './taskRecord';

/**
 * Open tasks, oldest first, whose operation the device can run, whose minimum trust its current score meets,
 * that neither it nor its wallet has a slot of, and that have a slot free before their deadline.
 */
export function offersFor(ctx: ServiceContext, deviceId: string, wallet: Address, limit: number): TaskRecord[] {
    const device = deviceOfWallet(ctx.db, deviceId, wallet);
    if (device.capabilities.length === 0) return [];
    const ids = sql(
        ctx.db,
        `SELECT t.id FROM tasks t
         WHERE t.status = 'open' AND t.deadline > ?
           AND t.operation IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND (a.device_id = ? OR a.wallet = ?))
         ORDER BY t.created_at, t.id`,
    ).iterate(nowSeconds(ctx), JSON.stringify(device.capabilities), device.id, device.wallet) as IterableIterator<{ id: string }>;
    const offers: TaskRecord[] = [];
    for (const { id } of ids) {
        const task = findTask(ctx.db, id)!;
        if (isEligible(device.trust, task.minTrustScore)) offers.push(task);
        if (offers.length >= limit) break;
    }
    return offers;
}
