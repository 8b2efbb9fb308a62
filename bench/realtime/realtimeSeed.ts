// What the realtime bench starts from, put in the store through the service's own functions:
// - devices, each of a wallet of its own with a session minted directly (login is not what is measured); nine in
//   ten are given a trust score above the tasks' minimum, the tenth keeps a fresh device's score below it;
// - tasks, created with `createTask` and left awaiting their escrow: the bench opens each one when it measures its
//   offer (see realtimeOpening.ts).
import { randomBytes } from 'node:crypto';
import { Address, toNano } from '@ton/core';
import { SessionTokens } from '../../backend/src/auth/sessions';
import { registerDevice, saveTrust } from '../../backend/src/devices/devices';
import { initialTrust, TrustVector, trustScore } from '../../backend/src/domain';
import { nowSeconds, ServiceContext } from '../../backend/src/service/context';
import { createTask } from '../../backend/src/tasks/createTask';
import { ClientDevice } from './realtimeProtocol';

const OPERATION = 'hash';
export const MIN_TRUST_SCORE = 0.3;
/** A device with a record: mostly valid results, quick, rarely gone. Scores about 0.8. */
const TRUSTED: TrustVector = { accuracyAlpha: 20, accuracyBeta: 1, latencyEwmaMs: 2_000, stability: 0.9 };

if (!(trustScore(TRUSTED) >= MIN_TRUST_SCORE && trustScore(initialTrust()) < MIN_TRUST_SCORE)) {
    throw new Error('the bench tasks’ minimum trust must separate trusted devices from fresh ones');
}

/** Every tenth device (by its index across the run) is below the tasks' minimum trust. */
export function isEligibleIndex(index: number): boolean {
    return index % 10 !== 0;
}

/** Devices number `from` to `from + count - 1`. */
export async function seedDevices(ctx: ServiceContext, tokens: SessionTokens, from: number, count: number): Promise<ClientDevice[]> {
    const devices: ClientDevice[] = [];
    for (let index = from; index < from + count; index++) {
        const wallet = new Address(0, randomBytes(32));
        const device = await registerDevice(ctx.store, wallet, `realtime-device-${index}`, [OPERATION], ctx.nowMs());
        const eligible = isEligibleIndex(index);
        if (eligible) await saveTrust(ctx.store, device.id, TRUSTED);
        devices.push({ deviceId: device.id, token: (await tokens.issue(wallet)).token, eligible });
    }
    return devices;
}

/** `count` tasks for OPERATION at MIN_TRUST_SCORE, awaiting their escrow; returns their ids. */
export async function seedAwaitingTasks(ctx: ServiceContext, count: number): Promise<string[]> {
    const requester = new Address(0, randomBytes(32));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
        const { task } = await createTask(ctx, requester, {
            operation: OPERATION,
            input: { text: `realtime bench task ${i}` },
            budget: toNano('1'),
            redundancy: 3,
            minTrustScore: MIN_TRUST_SCORE,
            deadline: nowSeconds(ctx) + 3600,
        });
        ids.push(task.id);
    }
    return ids;
}
