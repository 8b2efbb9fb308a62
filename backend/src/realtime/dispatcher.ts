// Queue → offers: the consumer group hands each opening to one node, which records it in the offer log (once, by its
// dispatch key) and announces it on the fan-out; every node then offers it to its own connected devices
// (serviceNotices.ts). Devices that were away get it by replay.
import { ServiceContext } from '../service/context';
import { DispatchHandler } from '../queue/taskQueue';
import { findTask } from '../tasks/taskRecord';
import { Fanout } from './fanout';
import { ClusterNotice } from './noticeCodec';
import { recordOffer } from './offerLog';

export function offerDispatcher(ctx: ServiceContext, fanout: Fanout<ClusterNotice>): DispatchHandler {
    return async (entry) => {
        const task = await findTask(ctx.store, entry.taskId);
        // An entry for a task this store does not have is acknowledged and dropped: no retry would change that.
        if (!task) return;
        const { offer, fresh } = await recordOffer(ctx.store, entry.dispatchKey, task.id, ctx.nowMs());
        // Dispatched before (the entry came again after a crash before its acknowledgement): nothing more to do.
        if (!fresh || task.status !== 'open') return;
        await fanout.publish({ kind: 'offer', taskId: task.id, seq: offer.seq });
    };
}
