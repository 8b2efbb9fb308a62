// Known-answer spot checks. The operator lists inputs whose canonical result the service knows; an identity that
// is not established sometimes finds one among its offers, shaped like the real tasks of the same operation. A
// wrong answer costs it trust at once; a spot check has no escrow, so it never pays.
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { Address } from '@ton/core';
import { canonicalJson, canonicalResultHash, isEligible } from '../domain';
import { Device } from '../devices/devices';
import { ServiceContext } from '../service/context';
import { placeholders, Sql } from '../store/sql';
import { hasModule } from './modules';
import { findTask, insertTask, TaskRecord, TaskRow, taskOfRow } from './taskRecord';

/** One known answer: the module (when the operation runs one) applied to `input` gives `output`. */
export interface SpotCheckSpec {
    operation: string;
    input: unknown;
    moduleSha256?: string;
    output: unknown;
}

/** Stores a known answer (idempotent) and returns its id. The module must be uploaded first. */
export async function addSpotCheck(tx: Sql, spec: SpotCheckSpec, nowMs: number): Promise<number> {
    if (spec.moduleSha256 !== undefined && !(await hasModule(tx, spec.moduleSha256))) {
        throw new Error(`spot check for "${spec.operation}": no module with sha256 ${spec.moduleSha256}`);
    }
    const input = canonicalJson(spec.input);
    const expected = canonicalResultHash(spec.output);
    const module = spec.moduleSha256 ?? null;
    // Nodes loading the same list at once take turns, so each answer is stored once.
    await tx.lock('spot-check-list');
    const existing = await tx.one<{ id: number; expected_hash: string }>(
        'SELECT id, expected_hash FROM spot_checks WHERE operation = ? AND input = ? AND module_sha256 IS NOT DISTINCT FROM ?',
        spec.operation,
        input,
        module,
    );
    if (existing) {
        if (existing.expected_hash !== expected) {
            throw new Error(`spot check for "${spec.operation}" ${input}: a different answer is already stored`);
        }
        return existing.id;
    }
    const inserted = await tx.one<{ id: number }>(
        'INSERT INTO spot_checks (operation, input, module_sha256, expected_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        spec.operation,
        input,
        module,
        expected,
        nowMs,
    );
    return Number(inserted!.id);
}

/**
 * Loads the operator's list: a JSON array of `{ "operation", "input", "module_sha256"?, "output" }`. Throws, naming
 * the file and the entry, on anything else.
 */
export function loadSpotChecks(ctx: ServiceContext, file: string): Promise<number> {
    const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(list)) throw new Error(`${file}: a JSON array of spot checks was expected`);
    return ctx.store.transaction(async (tx) => {
        for (const [i, entry] of (list as Array<Record<string, unknown>>).entries()) {
            const ok =
                typeof entry === 'object' && entry !== null && typeof entry.operation === 'string' && 'input' in entry && 'output' in entry &&
                (entry.module_sha256 === undefined || typeof entry.module_sha256 === 'string');
            if (!ok) throw new Error(`${file}: entry ${i} needs "operation" (string), "input", "output" and an optional "module_sha256"`);
            await addSpotCheck(
                tx,
                { operation: entry.operation as string, input: entry.input, moduleSha256: entry.module_sha256 as string | undefined, output: entry.output },
                ctx.nowMs(),
            );
        }
        return list.length;
    });
}

/** The answer a spot-check task expects. */
export async function expectedHashOf(sql: Sql, task: TaskRecord): Promise<string> {
    const row = await sql.one<{ expected_hash: string }>('SELECT expected_hash FROM spot_checks WHERE id = ?', task.spotCheckId);
    return row!.expected_hash;
}

/**
 * Issues a spot check to `device`'s wallet, or returns null. None while the wallet still has one never claimed (it
 * is already among its offers), and none unless a real task of a capable operation is open: the spot check copies the
 * newest such task's terms (requester, budget, reward, redundancy, deadline, slot timeout, fee) so it reads like
 * one. Known answers the wallet has not seen come first, so it cannot replay an answer it was judged on.
 */
export async function issueSpotCheck(ctx: ServiceContext, device: Device): Promise<TaskRecord | null> {
    const id = randomBytes(8).readBigUInt64BE() >> 1n;
    const escrow = await ctx.chain.escrowAddress(id);
    // Everything after the address is one transaction: two offer lists at once issue one spot check, not two.
    return ctx.store.transaction((tx) => issueAs(ctx, tx, device, id, escrow));
}

async function issueAs(ctx: ServiceContext, tx: Sql, device: Device, id: bigint, escrow: Address): Promise<TaskRecord | null> {
    if (device.capabilities.length === 0) return null;
    // Two nodes answering the same wallet at once take turns: the second sees the first's spot check pending.
    await tx.lock(`spot-check-of:${device.wallet}`);
    const pending = await tx.one(
        `SELECT 1 FROM tasks t WHERE t.spot_check_wallet = ? AND t.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id)`,
        device.wallet,
    );
    if (pending) return null;
    // `seen` is 1/0 from SQLite and true/false from PostgreSQL: sorted the same, read with Boolean().
    const candidates = await tx.all<{ id: number; operation: string; input: string; module_sha256: string | null; seen: number | boolean }>(
        `SELECT s.id, s.operation, s.input, s.module_sha256,
                EXISTS (SELECT 1 FROM tasks t WHERE t.spot_check_id = s.id AND t.spot_check_wallet = ?) AS seen
         FROM spot_checks s WHERE s.operation IN (${placeholders(device.capabilities.length)}) ORDER BY seen, s.id`,
        device.wallet,
        ...device.capabilities,
    );
    const unseen = candidates.filter((c) => !c.seen);
    const pool = unseen.length > 0 ? unseen : candidates;
    if (pool.length === 0) return null;
    const check = pool[Math.floor(ctx.random() * pool.length)];
    const model = await tx.one<TaskRow>(
        `SELECT * FROM tasks WHERE status = 'open' AND spot_check_id IS NULL AND operation = ?
         ORDER BY created_at DESC, id LIMIT 1`,
        check.operation,
    );
    if (!model) return null;
    const like = taskOfRow(model);
    const nowMs = ctx.nowMs();
    const task: TaskRecord = {
        ...like,
        id: id.toString(),
        input: check.input,
        moduleSha256: check.module_sha256,
        // Only this wallet can take it: one slot.
        slotsOpen: 1,
        // It must be claimable by the identity it is for.
        minTrustScore: isEligible(device.trust, like.minTrustScore) ? like.minTrustScore : 0,
        deadline: Math.floor(nowMs / 1000) + (like.deadline - Math.floor(like.createdAt / 1000)),
        status: 'open',
        escrow,
        fundingId: null,
        canonicalHash: null,
        escrowProblem: null,
        createdAt: nowMs,
        updatedAt: nowMs,
        spotCheckId: check.id,
        spotCheckWallet: device.wallet,
    };
    await insertTask(tx, task);
    return findTask(tx, task.id);
}
