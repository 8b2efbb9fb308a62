// Who may be offered a task: the same rules as claiming a slot, in the form the hub filters sockets by.
import { Sql } from '../store/sql';
import { TaskRecord } from '../tasks/taskRecord';
import { DeviceConnection, OfferAudience } from './hub';

export async function audienceOf(sql: Sql, task: TaskRecord): Promise<OfferAudience> {
    const held = await sql.all<{ device_id: string; wallet: string }>('SELECT device_id, wallet FROM assignments WHERE task_id = ?', task.id);
    return {
        operation: task.operation,
        minTrustScore: task.minTrustScore,
        excludedDevices: new Set(held.map((h) => h.device_id)),
        excludedWallets: new Set(held.map((h) => h.wallet)),
        onlyWallet: task.spotCheckWallet,
    };
}

export function isInAudience(c: DeviceConnection, audience: OfferAudience): boolean {
    return (
        c.capabilities.has(audience.operation) &&
        c.trustScore >= audience.minTrustScore &&
        !audience.excludedDevices.has(c.deviceId) &&
        !audience.excludedWallets.has(c.wallet) &&
        (audience.onlyWallet === null || audience.onlyWallet === c.wallet)
    );
}
