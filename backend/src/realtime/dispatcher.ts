// Queue → offers: a dispatched entry is recorded in the offer log (once, by its dispatch key), then sent live to the
// connected devices in its audience. Devices that were away get it by replay. Devices whose wallet is not
// established may get a spot check after it (spotCheckOffers.ts).
import { ServiceContext } from '../service/context';
import { DispatchHandler } from '../queue/taskQueue';
import { findTask } from '../tasks/taskRecord';
import { taskView } from '../tasks/taskView';
import { audienceOf } from './audience';
import { DeviceConnection, DeviceHub } from './hub';
import { recordOffer } from './offerLog';
import { mixInSpotChecks } from './spotCheckOffers';

export function offerDispatcher(ctx: ServiceContext, hub: DeviceHub): DispatchHandler {
    return async (entry) => {
        const task = findTask(ctx.db, entry.taskId);
        // An entry for a task this store does not have is acknowledged and dropped: no retry would change that.
        if (!task) return;
        const { offer, fresh } = recordOffer(ctx.db, entry.dispatchKey, task.id, ctx.nowMs());
        // Dispatched before (the entry came again after a crash before its acknowledgement): nothing more to do.
        if (!fresh || task.status !== 'open') return;
        const unestablished: DeviceConnection[] = [];
        await hub.offer({ type: 'offer', seq: offer.seq, task: taskView(ctx, task) }, audienceOf(ctx.db, task), (c) => {
            if (!c.established) unestablished.push(c);
        });
        // A real task's offer is the cover a spot check arrives under; a spot check itself is never offered here.
        if (task.spotCheckId === null && unestablished.length > 0) await mixInSpotChecks(ctx, hub, unestablished);
    };
}
