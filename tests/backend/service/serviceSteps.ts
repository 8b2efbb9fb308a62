// Steps the service specs share: refusals checked against the whole store, groups of workers, stored rows.
import { SandboxContract, TreasuryContract } from '@ton/sandbox';
import { fundingTransaction, FundingTerms } from '../../../wrappers/tonConnect';
import { initialTrust, trustScore } from '../../../backend/src/domain';
import { FUNDING_TX_TTL_SECONDS } from '../../../backend/src/tasks/taskRules';
import { ApiResponse, ServiceFixture } from './serviceFixture';

export type Worker = Awaited<ReturnType<ServiceFixture['worker']>>;

/** Score of a device that has done nothing yet. */
export const FRESH_SCORE = trustScore(initialTrust());

/** Every row of every table: two equal snapshots mean nothing was written in between. Either store. */
export async function storeSnapshot(f: ServiceFixture): Promise<Record<string, string[]>> {
    // The offer log and the outbox are written by the queue relay and dispatcher, asynchronously after a task
    // opens, not by requests.
    const skipped = "('offers', 'queue_outbox', 'sqlite_sequence', 'schema_migrations')";
    const tables = await f.ctx.store.all<{ name: string }>(
        f.ctx.store.dialect === 'sqlite'
            ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ${skipped} ORDER BY name`
            : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT IN ${skipped} ORDER BY table_name`,
    );
    const snapshot: Record<string, string[]> = {};
    for (const { name } of tables) {
        const rows = await f.ctx.store.all(`SELECT * FROM "${name}"`);
        // Sorted as text: the same rows in another order are the same store.
        snapshot[name] = rows.map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('hex') : value))).sort();
    }
    return snapshot;
}

export function expectRefused(res: ApiResponse, status: number, code: string): void {
    expect([res.status, res.body?.error?.code]).toEqual([status, code]);
}

/** Sends `request`, expects it refused with `status` and `code`, and the store exactly as it was. */
export async function refusedUnchanged(f: ServiceFixture, request: () => Promise<ApiResponse>, status: number, code: string) {
    const before = await storeSnapshot(f);
    const res = await request();
    expectRefused(res, status, code);
    expect(await storeSnapshot(f)).toEqual(before);
    return res;
}

export async function workers(f: ServiceFixture, names: string[], capabilities?: string[]): Promise<Worker[]> {
    const all: Worker[] = [];
    for (const name of names) all.push(await f.worker(name, capabilities));
    return all;
}

/** Another device of the worker's wallet, under the same session. */
export async function secondDevice(f: ServiceFixture, w: Worker, capabilities = ['hash']): Promise<Worker> {
    const res = await f.api('POST', '/api/v1/devices', w.token, { name: `second-of-${w.deviceId}`, capabilities });
    expect(res.status).toBe(201);
    return { ...w, deviceId: res.body.id };
}

export async function claimAll(f: ServiceFixture, ws: Worker[], taskId: string): Promise<void> {
    for (const w of ws) expect((await f.claim(w, taskId)).status).toBe(200);
}

/** The task as the API shows it. */
export async function taskView(f: ServiceFixture, taskId: string) {
    const res = await f.api('GET', `/api/v1/tasks/${taskId}`, f.requesterToken);
    expect(res.status).toBe(200);
    return res.body;
}

/** The device's trust vector as the API shows it. */
export async function trustOf(f: ServiceFixture, w: Worker) {
    const res = await f.api('GET', `/api/v1/devices/${w.deviceId}`, w.token);
    expect(res.status).toBe(200);
    return res.body.trust;
}

export function entropyRow(f: ServiceFixture, operation: string): Promise<{ decisions: number; collisions: number } | undefined> {
    return f.ctx.store.one('SELECT decisions, collisions FROM entropy WHERE operation = ?', operation);
}

export function collisionRows(f: ServiceFixture, taskId: string) {
    return f.ctx.store.all('SELECT received, largest_group, resolution FROM collisions WHERE task_id = ? ORDER BY received', taskId);
}

/** Each result's verdict, by device id. */
export async function verdicts(f: ServiceFixture, taskId: string): Promise<Record<string, string | null>> {
    const rows = await f.ctx.store.all<{ device_id: string; verdict: string | null }>('SELECT device_id, verdict FROM results WHERE task_id = ?', taskId);
    return Object.fromEntries(rows.map((r) => [r.device_id, r.verdict]));
}

/**
 * Funds the created task's escrow from `from` with the task's terms changed by `changes`: what a requester's
 * wallet would do with a funding transaction it built itself.
 */
export async function fundWithTerms(
    f: ServiceFixture,
    created: { task_id: string; budget: string; max_results: number; deadline: number },
    changes: Partial<FundingTerms> = {},
    from: SandboxContract<TreasuryContract> = f.requester,
) {
    const terms: FundingTerms = {
        taskId: BigInt(created.task_id),
        budget: BigInt(created.budget),
        maxResults: BigInt(created.max_results),
        deadline: BigInt(created.deadline),
        ...changes,
    };
    return f.sendFrom(from, fundingTransaction(f.master.address, terms, f.chain.globalId, f.now() + FUNDING_TX_TTL_SECONDS));
}

export async function confirm(f: ServiceFixture, taskId: string, token = f.requesterToken): Promise<ApiResponse> {
    return f.api('POST', `/api/v1/tasks/${taskId}/confirm-escrow`, token);
}
