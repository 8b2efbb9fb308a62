// Devices: a wallet's machines that take slots. Each acts with its wallet's accuracy record (so a new device does
// not wipe a bad record) and its own latency and stability; only the service updates them.
import { randomUUID } from 'crypto';
import { Address } from '@ton/core';
import {
    AccuracyRecord,
    accuracyLowerBound,
    effectiveTrust,
    initialAccuracy,
    initialTrust,
    latencyScore,
    TrustEvent,
    TrustVector,
    trustScore,
    updateTrust,
} from '../domain';
import { ServiceError } from '../service/serviceError';
import { Db } from '../store/database';
import { sql } from '../store/statements';

export interface Device {
    id: string;
    wallet: string;
    name: string;
    capabilities: string[];
    /** What the device acts with: its wallet's accuracy, its own latency and stability. */
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

function deviceOf(db: Db, row: DeviceRow): Device {
    return {
        id: row.id,
        wallet: row.wallet,
        name: row.name,
        capabilities: JSON.parse(row.capabilities),
        trust: effectiveTrust(walletAccuracy(db, row.wallet), ownTrust(row)),
        createdAt: row.created_at,
    };
}

/** The device's own record, accuracy included: its history, as if it were alone on its wallet. */
function ownTrust(row: DeviceRow): TrustVector {
    return {
        accuracyAlpha: row.accuracy_alpha,
        accuracyBeta: row.accuracy_beta,
        latencyEwmaMs: row.latency_ewma_ms,
        stability: row.stability,
    };
}

/** The wallet's accuracy record, the prior when it has none yet. `wallet` is a raw address. */
export function walletAccuracy(db: Db, wallet: string): AccuracyRecord {
    const row = sql(db, 'SELECT accuracy_alpha, accuracy_beta FROM wallet_trust WHERE wallet = ?').get(wallet) as
        | { accuracy_alpha: number; accuracy_beta: number }
        | undefined;
    return row ? { accuracyAlpha: row.accuracy_alpha, accuracyBeta: row.accuracy_beta } : initialAccuracy();
}

export function registerDevice(db: Db, wallet: Address, name: string, capabilities: string[], now: number): Device {
    const owner = wallet.toRawString();
    const sorted = [...new Set(capabilities)].sort();
    const trust = initialTrust();
    const id = randomUUID();
    return db.transaction(() => {
        const { n } = sql(db, 'SELECT COUNT(*) AS n FROM devices WHERE wallet = ?').get(owner) as { n: number };
        if (n >= MAX_DEVICES_PER_WALLET) {
            throw new ServiceError('conflict', 'TOO_MANY_DEVICES', `a wallet may register at most ${MAX_DEVICES_PER_WALLET} devices`);
        }
        if (sql(db, 'SELECT 1 FROM devices WHERE wallet = ? AND name = ?').get(owner, name)) {
            throw new ServiceError('conflict', 'DEVICE_NAME_TAKEN', `this wallet already has a device named "${name}"`);
        }
        sql(
            db,
            `INSERT INTO devices (id, wallet, name, capabilities, accuracy_alpha, accuracy_beta, latency_ewma_ms, stability, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, owner, name, JSON.stringify(sorted), trust.accuracyAlpha, trust.accuracyBeta, trust.latencyEwmaMs, trust.stability, now);
        return { id, wallet: owner, name, capabilities: sorted, trust: effectiveTrust(walletAccuracy(db, owner), trust), createdAt: now };
    })();
}

export function devicesOf(db: Db, wallet: Address): Device[] {
    const rows = sql(db, 'SELECT * FROM devices WHERE wallet = ? ORDER BY created_at, id').all(wallet.toRawString()) as DeviceRow[];
    return rows.map((row) => deviceOf(db, row));
}

export function findDevice(db: Db, id: string): Device | null {
    const row = sql(db, 'SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? deviceOf(db, row) : null;
}

/** The device, which must belong to `wallet`: a device acts only for its own wallet. */
export function deviceOfWallet(db: Db, id: string, wallet: Address): Device {
    const device = findDevice(db, id);
    // The same answer for "no such device" and "someone else's": ids of other wallets' devices do not leak.
    if (!device || device.wallet !== wallet.toRawString()) {
        throw new ServiceError('not_found', 'DEVICE_NOT_FOUND', 'no device with this id belongs to your wallet');
    }
    return device;
}

/** Sets a device's trust outright (its own record, and its wallet's accuracy to the vector's): for seeding. */
export function saveTrust(db: Db, deviceId: string, trust: TrustVector): void {
    saveOwnTrust(db, deviceId, trust);
    sql(
        db,
        'INSERT OR REPLACE INTO wallet_trust (wallet, accuracy_alpha, accuracy_beta) SELECT wallet, ?, ? FROM devices WHERE id = ?',
    ).run(trust.accuracyAlpha, trust.accuracyBeta, deviceId);
}

function saveOwnTrust(db: Db, deviceId: string, trust: TrustVector): void {
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

/**
 * Applies one trust event to a device's own record and to its wallet's accuracy, stores both, and returns the
 * trust the device now acts with; call inside the transaction that caused it.
 */
export function recordTrustEvent(db: Db, deviceId: string, event: TrustEvent): TrustVector {
    const row = sql(db, 'SELECT * FROM devices WHERE id = ?').get(deviceId) as DeviceRow | undefined;
    if (!row) throw new Error(`device ${deviceId} vanished`);
    const own = updateTrust(ownTrust(row), event);
    saveOwnTrust(db, deviceId, own);
    // The wallet's accuracy takes the same event through the same rule (latency and stability are ignored here).
    const wallet = updateTrust(effectiveTrust(walletAccuracy(db, row.wallet), own), event);
    sql(db, 'INSERT OR REPLACE INTO wallet_trust (wallet, accuracy_alpha, accuracy_beta) VALUES (?, ?, ?)').run(
        row.wallet,
        wallet.accuracyAlpha,
        wallet.accuracyBeta,
    );
    return effectiveTrust(wallet, own);
}
