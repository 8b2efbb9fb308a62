// Devices: a wallet's machines that take slots. Each carries its trust vector, which only the service updates.
import { randomUUID } from 'crypto';
import { Address } from '@ton/core';
import { accuracyLowerBound, initialTrust, latencyScore, TrustEvent, TrustVector, trustScore, updateTrust } from '../domain';
import { HttpError } from '../http/errors';
import { Db } from '../store/database';
import { sql } from '../store/statements';

export interface Device {
    id: string;
    wallet: string;
    name: string;
    capabilities: string[];
    trust: TrustVector;
    createdAt: number;
}

interface DeviceRow {
    id: string;
    wallet: string;
    name: string;
    capabilities: string;
    accuracy_alpha: number;
    accuracy_beta: number;
    latency_ewma_ms: number | null;
    stability: number;
    created_at: number;
}

/** How many devices one wallet may register: enough for a farm, few enough that one wallet cannot flood the table. */
export const MAX_DEVICES_PER_WALLET = 64;

function deviceOf(row: DeviceRow): Device {
    return {
        id: row.id,
        wallet: row.wallet,
        name: row.name,
        capabilities: JSON.parse(row.capabilities),
        trust: {
            accuracyAlpha: row.accuracy_alpha,
            accuracyBeta: row.accuracy_beta,
            latencyEwmaMs: row.latency_ewma_ms,
            stability: row.stability,
        },
        createdAt: row.created_at,
    };
}

export function registerDevice(db: Db, wallet: Address, name: string, capabilities: string[], now: number): Device {
    const owner = wallet.toRawString();
    const sorted = [...new Set(capabilities)].sort();
    const trust = initialTrust();
    const id = randomUUID();
    return db.transaction(() => {
        const { n } = sql(db, 'SELECT COUNT(*) AS n FROM devices WHERE wallet = ?').get(owner) as { n: number };
        if (n >= MAX_DEVICES_PER_WALLET) {
            throw new HttpError(409, 'TOO_MANY_DEVICES', `a wallet may register at most ${MAX_DEVICES_PER_WALLET} devices`);
        }
        if (sql(db, 'SELECT 1 FROM devices WHERE wallet = ? AND name = ?').get(owner, name)) {
            throw new HttpError(409, 'DEVICE_NAME_TAKEN', `this wallet already has a device named "${name}"`);
        }
        sql(
            db,
            `INSERT INTO devices (id, wallet, name, capabilities, accuracy_alpha, accuracy_beta, latency_ewma_ms, stability, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, owner, name, JSON.stringify(sorted), trust.accuracyAlpha, trust.accuracyBeta, trust.latencyEwmaMs, trust.stability, now);
        return { id, wallet: owner, name, capabilities: sorted, trust, createdAt: now };
    })();
}

export function devicesOf(db: Db, wallet: Address): Device[] {
    const rows = sql(db, 'SELECT * FROM devices WHERE wallet = ? ORDER BY created_at, id').all(wallet.toRawString()) as DeviceRow[];
    return rows.map(deviceOf);
}

export function findDevice(db: Db, id: string): Device | null {
    const row = sql(db, 'SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? deviceOf(row) : null;
}

/** The device, which must belong to `wallet`: a device acts only for its own wallet. */
export function deviceOfWallet(db: Db, id: string, wallet: Address): Device {
    const device = findDevice(db, id);
    // The same answer for "no such device" and "someone else's": ids of other wallets' devices do not leak.
    if (!device || device.wallet !== wallet.toRawString()) {
        throw new HttpError(404, 'DEVICE_NOT_FOUND', 'no device with this id belongs to your wallet');
    }
    return device;
}

export function saveTrust(db: Db, deviceId: string, trust: TrustVector): void {
    sql(db, 'UPDATE devices SET accuracy_alpha = ?, accuracy_beta = ?, latency_ewma_ms = ?, stability = ? WHERE id = ?').run(
        trust.accuracyAlpha,
        trust.accuracyBeta,
        trust.latencyEwmaMs,
        trust.stability,
        deviceId,
    );
}

/** The trust vector as the API shows it: the raw state and the scores derived from it. */
export function trustView(trust: TrustVector) {
    return {
        accuracy_alpha: trust.accuracyAlpha,
        accuracy_beta: trust.accuracyBeta,
        accuracy_lower_bound: accuracyLowerBound(trust),
        latency_ewma_ms: trust.latencyEwmaMs,
        latency_score: latencyScore(trust),
        stability: trust.stability,
        score: trustScore(trust),
    };
}

/** Applies one trust event to a device and stores the result; call inside the transaction that caused it. */
export function recordTrustEvent(db: Db, deviceId: string, event: TrustEvent): TrustVector {
    const device = findDevice(db, deviceId);
    if (!device) throw new Error(`device ${deviceId} vanished`);
    const trust = updateTrust(device.trust, event);
    saveTrust(db, deviceId, trust);
    return trust;
}
