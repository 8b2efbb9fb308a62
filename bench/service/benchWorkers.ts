// The bench's workers: generated wallets, each with a session (minted directly: login is not what is measured)
// and one registered device. A task's quorum is QUORUM consecutive workers, so its wallets and devices differ.
import { randomBytes } from 'node:crypto';
import { Address } from '@ton/core';
import { SessionTokens } from '../../backend/src/auth/sessions';
import { registerDevice } from '../../backend/src/devices/devices';
import { ServiceContext } from '../../backend/src/service/context';

/** Redundancy of every bench task: the third result of a task triggers consensus and the trust updates. */
export const QUORUM = 3;
/** The one operation every bench task asks for and every bench device can do. */
export const OPERATION = 'hash';

export interface BenchWorker {
    wallet: Address;
    token: string;
    deviceId: string;
}

/** `count` workers; a multiple of QUORUM, so consecutive workers never wrap onto the same one within a quorum. */
export async function seedWorkers(ctx: ServiceContext, tokens: SessionTokens, count: number): Promise<BenchWorker[]> {
    if (count % QUORUM !== 0 || count < QUORUM) throw new RangeError(`worker count must be a positive multiple of ${QUORUM}`);
    const workers: BenchWorker[] = [];
    for (let i = 0; i < count; i++) {
        const wallet = new Address(0, randomBytes(32));
        const device = await registerDevice(ctx.store, wallet, `bench-device-${i}`, [OPERATION], ctx.nowMs());
        workers.push({ wallet, token: (await tokens.issue(wallet)).token, deviceId: device.id });
    }
    return workers;
}

/** Indices of the workers that serve the `taskIndex`-th task of a batch. */
export function quorumOf(taskIndex: number, workerCount: number): number[] {
    return Array.from({ length: QUORUM }, (_, j) => (taskIndex * QUORUM + j) % workerCount);
}
