// Open tasks a device may take right now: the same rules as claiming a slot, applied to a list, with now and then a
// known-answer spot check for an identity that is not established yet.
import { Address } from '@ton/core';
import { drawsSpotCheck, isEstablished, trustScore } from '../domain';
import { deviceOfWallet, walletAccuracy } from '../devices/devices';
import { nowSeconds, ServiceContext } from '../service/context';
import { placeholders } from '../store/sql';
import { issueSpotCheck } from './spotChecks';
import { TaskRecord, TaskRow, taskOfRow } from './taskRecord';

/**
 * Open tasks, oldest first, whose operation the device can run, whose minimum trust its current score meets,
 * that neither it nor its wallet has a slot of, and that have a slot free before their deadline. When the wallet
 * is not established, a draw below the spot-check fraction adds a spot check (see spotChecks.ts) if there is room.
 */
export async function offersFor(ctx: ServiceContext, deviceId: string, wallet: Address, limit: number): Promise<TaskRecord[]> {
    const device = await deviceOfWallet(ctx.store, deviceId, wallet);
    if (device.capabilities.length === 0) return [];
    const candidates = await ctx.store.all<TaskRow>(
        `SELECT t.* FROM tasks t
         WHERE t.status = 'open' AND t.deadline > ?
           AND t.operation IN (${placeholders(device.capabilities.length)})
           AND t.min_trust_score <= ?
           AND (t.spot_check_wallet IS NULL OR t.spot_check_wallet = ?)
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND (a.device_id = ? OR a.wallet = ?))
         ORDER BY t.created_at, t.id LIMIT ?`,
        nowSeconds(ctx),
        ...device.capabilities,
        trustScore(device.trust),
        device.wallet,
        device.id,
        device.wallet,
        limit,
    );
    const offers = candidates.map(taskOfRow);
    const established = isEstablished(await walletAccuracy(ctx.store, device.wallet), ctx.sybil.establishedAccuracyBound);
    if (offers.length < limit && drawsSpotCheck(established, ctx.sybil.spotCheckFraction, ctx.random())) {
        const issued = await issueSpotCheck(ctx, device);
        if (issued) offers.push(issued);
    }
    return offers;
}
