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
import { Sql, Store } from '../store/sql';

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

async function deviceOf(sql: Sql, row: DeviceRow): Promise<Device> {
    return {
        id: row.id,
        wallet: row.wallet,
        name: row.name,
        capabilities: JSON.parse(row.capabilities),
        trust: effectiveTrust(await walletAccuracy(sql, row.wallet), ownTrust(row)),
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
export async function walletAccuracy(sql: Sql, wallet: string): Promise<AccuracyRecord> {
    const row = await sql.one<{ accuracy_alpha: number; accuracy_beta: number }>(
        'SELECT accuracy_alpha, accuracy_beta FROM wallet_trust WHERE wallet = ?',
        wallet,
    );
    return row ? { accuracyAlpha: row.accuracy_alpha, accuracyBeta: row.accuracy_beta } : initialAccuracy();
}

export function registerDevice(store: Store, wallet: Address, name: string, capabilities: string[], now: number): Promise<Device> {
    const owner = wallet.toRawString();
    const sorted = [...new Set(capabilities)].sort();
    const trust = initialTrust();
    const id = randomUUID();
    return store.transaction(async (tx) => {
        // Two nodes registering for one wallet at once would both count below the cap: they take turns.
        await tx.lock(`devices-of:${owner}`);
        const { n } = (await tx.one<{ n: number }>('SELECT COUNT(*) AS n FROM devices WHERE wallet = ?', owner))!;
        if (n >= MAX_DEVICES_PER_WALLET) {
            throw new ServiceError('conflict', 'TOO_MANY_DEVICES', `a wallet may register at most ${MAX_DEVICES_PER_WALLET} devices`);
        }
        if (await tx.one('SELECT 1 FROM devices WHERE wallet = ? AND name = ?', owner, name)) {
            throw new ServiceError('conflict', 'DEVICE_NAME_TAKEN', `this wallet already has a device named "${name}"`);
        }
        await tx.run(
            `INSERT INTO devices (id, wallet, name, capabilities, accuracy_alpha, accuracy_beta, latency_ewma_ms, stability, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            id, owner, name, JSON.stringify(sorted), trust.accuracyAlpha, trust.accuracyBeta, trust.latencyEwmaMs, trust.stability, now,
        );
        return { id, wallet: owner, name, capabilities: sorted, trust: effectiveTrust(await walletAccuracy(tx, owner), trust), createdAt: now };
    });
}

export async function devicesOf(sql: Sql, wallet: Address): Promise<Device[]> {
    const rows = await sql.all<DeviceRow>('SELECT * FROM devices WHERE wallet = ? ORDER BY created_at, id', wallet.toRawString());
    const devices: Device[] = [];
    for (const row of rows) devices.push(await deviceOf(sql, row));
    return devices;
}

export async function findDevice(sql: Sql, id: string): Promise<Device | null> {
    const row = await sql.one<DeviceRow>('SELECT * FROM devices WHERE id = ?', id);
    return row ? deviceOf(sql, row) : null;
}

/** The device, which must belong to `wallet`: a device acts only for its own wallet. */
export async function deviceOfWallet(sql: Sql, id: string, wallet: Address): Promise<Device> {
    const device = await findDevice(sql, id);
    // The same answer for "no such device" and "someone else's": ids of other wallets' devices do not leak.
    if (!device || device.wallet !== wallet.toRawString()) {
        throw new ServiceError('not_found', 'DEVICE_NOT_FOUND', 'no device with this id belongs to your wallet');
    }
    return device;
}

/** Sets a device's trust outright (its own record, and its wallet's accuracy to the vector's): for seeding. */
export async function saveTrust(sql: Sql, deviceId: string, trust: TrustVector): Promise<void> {
    await saveOwnTrust(sql, deviceId, trust);
    await sql.run(
        `INSERT INTO wallet_trust (wallet, accuracy_alpha, accuracy_beta) SELECT wallet, ?, ? FROM devices WHERE id = ?
         ON CONFLICT (wallet) DO UPDATE SET accuracy_alpha = excluded.accuracy_alpha, accuracy_beta = excluded.accuracy_beta`,
        trust.accuracyAlpha,
        trust.accuracyBeta,
        deviceId,
    );
}

async function saveOwnTrust(sql: Sql, deviceId: string, trust: TrustVector): Promise<void> {
    await sql.run(
        'UPDATE devices SET accuracy_alpha = ?, accuracy_beta = ?, latency_ewma_ms = ?, stability = ? WHERE id = ?',
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
export async function recordTrustEvent(tx: Sql, deviceId: string, event: TrustEvent): Promise<TrustVector> {
    // Read, update, write: the device's row and its wallet's record are locked until the commit, so a verdict
    // another node records at the same moment applies after this one instead of overwriting it.
    const row = await tx.one<DeviceRow>(`SELECT * FROM devices WHERE id = ?${tx.forUpdate}`, deviceId);
    if (!row) throw new Error(`device ${deviceId} vanished`);
    await tx.lock(`wallet-trust:${row.wallet}`);
    const own = updateTrust(ownTrust(row), event);
    await saveOwnTrust(tx, deviceId, own);
    // The wallet's accuracy takes the same event through the same rule (latency and stability are ignored here).
    const wallet = updateTrust(effectiveTrust(await walletAccuracy(tx, row.wallet), own), event);
    await tx.run(
        `INSERT INTO wallet_trust (wallet, accuracy_alpha, accuracy_beta) VALUES (?, ?, ?)
         ON CONFLICT (wallet) DO UPDATE SET accuracy_alpha = excluded.accuracy_alpha, accuracy_beta = excluded.accuracy_beta`,
        row.wallet,
        wallet.accuracyAlpha,
        wallet.accuracyBeta,
    );
    return effectiveTrust(wallet, own);
}
