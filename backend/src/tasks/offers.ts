// Open tasks a device may take right now: the same rules as claiming a slot, applied to a list, with now and then a
// known-answer spot check for an identity that is not established yet.
import { Address } from '@ton/core';
import { drawsSpotCheck, isEligible, isEstablished } from '../domain';
import { deviceOfWallet, walletAccuracy } from '../devices/devices';
import { nowSeconds, ServiceContext } from '../service/context';
import { sql } from '../store/statements';
import { issueSpotCheck } from './spotChecks';
import { findTask, TaskRecord } from './taskRecord';

/**
 * Open tasks, oldest first, whose operation the device can run, whose minimum trust its current score meets,
 * that neither it nor its wallet has a slot of, and that have a slot free before their deadline. When the wallet
 * is not established, a draw below the spot-check fraction adds a spot check (see spotChecks.ts) if there is room.
 */
export async function offersFor(ctx: ServiceContext, deviceId: string, wallet: Address, limit: number): Promise<TaskRecord[]> {
    const device = deviceOfWallet(ctx.db, deviceId, wallet);
    if (device.capabilities.length === 0) return [];
    const ids = sql(
        ctx.db,
        `SELECT t.id FROM tasks t
         WHERE t.status = 'open' AND t.deadline > ?
           AND t.operation IN (SELECT value FROM json_each(?))
           AND (t.spot_check_wallet IS NULL OR t.spot_check_wallet = ?)
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND (a.device_id = ? OR a.wallet = ?))
         ORDER BY t.created_at, t.id`,
    ).iterate(nowSeconds(ctx), JSON.stringify(device.capabilities), device.wallet, device.id, device.wallet) as IterableIterator<{ id: string }>;
    const offers: TaskRecord[] = [];
    for (const { id } of ids) {
        const task = findTask(ctx.db, id)!;
        if (isEligible(device.trust, task.minTrustScore)) offers.push(task);
        if (offers.length >= limit) break;
    }
    const established = isEstablished(walletAccuracy(ctx.db, device.wallet), ctx.sybil.establishedAccuracyBound);
    if (offers.length < limit && drawsSpotCheck(established, ctx.sybil.spotCheckFraction, ctx.random())) {
        const issued = await issueSpotCheck(ctx, device);
        if (issued) offers.push(issued);
    }
    return offers;
}
