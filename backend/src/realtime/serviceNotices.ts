// What connected devices hear when the service's state changes, on whichever node they are connected to. A change
// commits on one node; that node publishes a notice on the fan-out (fanout.ts), and every node, itself included,
// hands it to its own sockets:
// - an offer: a task opening was dispatched (by exactly one node's queue consumer) and logged;
// - trust: to every device of the wallet whose record changed, whose offer filter follows it;
// - payout ready: to the device whose result was made valid;
// - paid: to every device of the wallet the chain paid.
import { isEstablished, trustScore } from '../domain';
import { findDevice, trustView, walletAccuracy } from '../devices/devices';
import { ServiceContext } from '../service/context';
import { findTask } from '../tasks/taskRecord';
import { taskView } from '../tasks/taskView';
import { audienceOf } from './audience';
import { Fanout } from './fanout';
import { DeviceConnection, DeviceHub } from './hub';
import { ClusterNotice } from './noticeCodec';
import { mixInSpotChecks } from './spotCheckOffers';

/** Publishes this node's committed changes for every node's devices. */
export function publishServiceNotices(ctx: ServiceContext, fanout: Fanout<ClusterNotice>): void {
    ctx.events.on('trust', (deviceId, trust) => void fanout.publish({ kind: 'trust', deviceId, trust }));
    ctx.events.on('payoutReady', (taskId, deviceId, amount) => void fanout.publish({ kind: 'payoutReady', taskId, deviceId, amount }));
    ctx.events.on('paid', (taskId, wallet, amount, txHash) => void fanout.publish({ kind: 'paid', taskId, wallet, amount, txHash }));
}

/** Hands every node's notices to the devices connected to this one. */
export function deliverServiceNotices(ctx: ServiceContext, hub: DeviceHub, fanout: Fanout<ClusterNotice>, log: NoticeLog): void {
    fanout.subscribe((notice) => {
        deliver(ctx, hub, notice).catch((err) => log.warn({ err, notice: notice.kind }, 'a notice could not be delivered here'));
    });
}

export interface NoticeLog {
    warn(details: object, message: string): void;
}

async function deliver(ctx: ServiceContext, hub: DeviceHub, notice: ClusterNotice): Promise<void> {
    switch (notice.kind) {
        case 'offer':
            return offerHere(ctx, hub, notice.taskId, notice.seq);
        case 'trust':
            hub.trustChanged(notice.deviceId, trustScore(notice.trust), trustView(notice.trust));
            return walletTrustChanged(ctx, hub, notice.deviceId);
        case 'payoutReady':
            hub.sendToDevice(notice.deviceId, { type: 'payout_ready', task_id: notice.taskId, device_id: notice.deviceId, amount: notice.amount.toString() });
            return;
        case 'paid':
            hub.sendToWallet(notice.wallet, { type: 'payout_paid', task_id: notice.taskId, amount: notice.amount.toString(), tx_hash: notice.txHash });
            return;
    }
}

/**
 * Offers a logged opening to the devices connected here that may take it, with now and then a spot check after it
 * for those whose wallet is not established. Read when it arrives: a task taken meanwhile is not offered.
 */
async function offerHere(ctx: ServiceContext, hub: DeviceHub, taskId: string, seq: number): Promise<void> {
    if (hub.size === 0) return;
    const task = await findTask(ctx.store, taskId);
    if (!task || task.status !== 'open') return;
    const unestablished: DeviceConnection[] = [];
    await hub.offer({ type: 'offer', seq, task: taskView(ctx, task) }, await audienceOf(ctx.store, task), (c) => {
        if (!c.established) unestablished.push(c);
    });
    // A real task's offer is the cover a spot check arrives under; a spot check itself is never offered here.
    if (task.spotCheckId === null && unestablished.length > 0) await mixInSpotChecks(ctx, hub, unestablished);
}

/**
 * Accuracy follows the wallet: its other connected devices now act with the new record too, so their offer filter,
 * whether they get spot checks, and the trust they are shown change with it.
 */
async function walletTrustChanged(ctx: ServiceContext, hub: DeviceHub, deviceId: string): Promise<void> {
    // Every node hears every trust change: one with no sockets has nobody to tell, and nothing to read for it.
    if (hub.size === 0) return;
    const wallet = hub.connectionOf(deviceId)?.wallet ?? (await findDevice(ctx.store, deviceId))?.wallet;
    if (wallet === undefined || hub.devicesOfWallet(wallet).length === 0) return;
    const established = isEstablished(await walletAccuracy(ctx.store, wallet), ctx.sybil.establishedAccuracyBound);
    for (const id of hub.devicesOfWallet(wallet)) {
        const connection = hub.connectionOf(id);
        if (connection) connection.established = established;
        if (id === deviceId) continue;
        const other = await findDevice(ctx.store, id);
        if (other) hub.trustChanged(id, trustScore(other.trust), trustView(other.trust));
    }
}
