// Known-answer spot checks on the live stream: a device whose wallet is not established that receives an offer
// sometimes (the configured fraction) receives a spot check right after it, logged in the same offer sequence and
// sent in the same frame shape, so nothing tells it apart from a real task. GET /api/v1/offers mixes them in the
// same way (tasks/offers.ts).
import { drawsSpotCheck } from '../domain';
import { findDevice } from '../devices/devices';
import { ServiceContext } from '../service/context';
import { issueSpotCheck } from '../tasks/spotChecks';
import { taskView } from '../tasks/taskView';
import { DeviceConnection, DeviceHub } from './hub';
import { recordOffer } from './offerLog';

/** For each device that is not established, draws; on a hit, issues it a spot check and offers it. */
export async function mixInSpotChecks(ctx: ServiceContext, hub: DeviceHub, recipients: DeviceConnection[]): Promise<number> {
    let offered = 0;
    for (const c of recipients) {
        if (!drawsSpotCheck(c.established, ctx.sybil.spotCheckFraction, ctx.random())) continue;
        const device = await findDevice(ctx.store, c.deviceId);
        if (!device) continue;
        // Null while the wallet still has one unclaimed, or no known answer fits: then nothing is sent.
        const check = await issueSpotCheck(ctx, device);
        if (!check) continue;
        const { offer } = await recordOffer(ctx.store, `spot-check:${check.id}`, check.id, ctx.nowMs());
        if (hub.send(c, { type: 'offer', seq: offer.seq, task: taskView(ctx, check) })) offered++;
    }
    return offered;
}
