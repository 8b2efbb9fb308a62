// What the hub tells connected devices when the service's state changes (all after the change has committed):
// trust, to every device of the wallet whose record changed; payout ready, to the device whose result was made
// valid; paid, to every device of the wallet the chain paid.
import { isEstablished, trustScore } from '../domain';
import { findDevice, trustView, walletAccuracy } from '../devices/devices';
import { ServiceContext } from '../service/context';
import { DeviceHub } from './hub';

export function forwardServiceNotices(ctx: ServiceContext, hub: DeviceHub): void {
    ctx.events.on('trust', (deviceId, trust) => {
        hub.trustChanged(deviceId, trustScore(trust), trustView(trust));
        // Accuracy follows the wallet: its other connected devices now act with the new record too, so their offer
        // filter, whether they get spot checks, and the trust they are shown change with it.
        const wallet = hub.connectionOf(deviceId)?.wallet ?? findDevice(ctx.db, deviceId)?.wallet;
        if (wallet === undefined) return;
        const established = isEstablished(walletAccuracy(ctx.db, wallet), ctx.sybil.establishedAccuracyBound);
        for (const id of hub.devicesOfWallet(wallet)) {
            hub.connectionOf(id)!.established = established;
            if (id === deviceId) continue;
            const other = findDevice(ctx.db, id);
            if (other) hub.trustChanged(id, trustScore(other.trust), trustView(other.trust));
        }
    });
    ctx.events.on('payoutReady', (taskId, deviceId, amount) =>
        hub.sendToDevice(deviceId, { type: 'payout_ready', task_id: taskId, device_id: deviceId, amount: amount.toString() }),
    );
    ctx.events.on('paid', (taskId, wallet, amount, txHash) =>
        hub.sendToWallet(wallet, { type: 'payout_paid', task_id: taskId, amount: amount.toString(), tx_hash: txHash }),
    );
}
