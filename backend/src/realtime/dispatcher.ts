// Queue → offers: a dispatched entry is recorded in the offer log (once, by its dispatch key), then sent live to the
// connected devices in its audience. Devices that were away get it by replay.
import { ServiceContext } from '../service/context';
import { DispatchHandler } from '../queue/taskQueue';
import { findTask } from '../tasks/taskRecord';
import { taskView } from '../tasks/taskView';
import { audienceOf } from './audience';
import { DeviceHub } from './hub';
import { recordOffer } from './offerLog';

export function offerDispatcher(ctx: ServiceContext, hub: DeviceHub): DispatchHandler {
    return async (entry) => {
        const task = findTask(ctx.db, entry.taskId);
        // An entry for a task this store does not have is acknowledged and dropped: no retry would change that.
        if (!task) return;
        const { offer, fresh } = recordOffer(ctx.db, entry.dispatchKey, task.id, ctx.nowMs());
        // Dispatched before (the entry came again after a crash before its acknowledgement): nothing more to do.
        if (!fresh || task.status !== 'open') return;
        await hub.offer({ type: 'offer', seq: offer.seq, task: taskView(ctx, task) }, audienceOf(ctx.db, task));
    };
}
