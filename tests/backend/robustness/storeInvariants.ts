// What must hold in the store whenever no transaction is half-way, read straight from the SQLite file: a
// submission and everything it decided commit together or not at all. Each broken rule comes back as a sentence.
import Database from 'better-sqlite3';
import { initialTrust, TrustVector, updateTrust } from '../../../backend/src/domain';

interface TaskRow {
    id: string;
    status: string;
    redundancy: number;
    slots_open: number;
    canonical_hash: string | null;
}

interface ResultRow {
    task_id: string;
    device_id: string;
    result_hash: string;
    verdict: 'valid' | 'invalid' | null;
    late: number;
    turnaround_ms: number;
}

/** Opens the service's database file read-only (the service may be running on it: WAL lets both read). */
export function openReadOnly(file: string): Database.Database {
    return new Database(file, { readonly: true, fileMustExist: true });
}

export function storeViolations(db: Database.Database): string[] {
    const tasks = db.prepare('SELECT id, status, redundancy, slots_open, canonical_hash FROM tasks').all() as TaskRow[];
    const results = db.prepare('SELECT task_id, device_id, result_hash, verdict, late, turnaround_ms FROM results').all() as ResultRow[];
    const delivered = new Set(
        (db.prepare("SELECT task_id || '/' || device_id AS k FROM assignments WHERE status = 'delivered'").pluck().all() as string[]),
    );
    const arbitrationRows = db
        .prepare("SELECT task_id, COUNT(*) AS n FROM collisions WHERE resolution = 'arbitrate' GROUP BY task_id")
        .all() as Array<{ task_id: string; n: number }>;
    const arbitrations = new Map(arbitrationRows.map((r) => [r.task_id, r.n]));
    const problems: string[] = [];
    const resultKeys = new Set(results.map((r) => `${r.task_id}/${r.device_id}`));
    for (const key of resultKeys) if (!delivered.has(key)) problems.push(`result ${key} has no delivered assignment`);
    for (const key of delivered) if (!resultKeys.has(key)) problems.push(`delivered assignment ${key} has no result`);

    for (const task of tasks) {
        const own = results.filter((r) => r.task_id === task.id && r.late === 0);
        const name = `task ${task.id} (${task.status})`;
        if (own.length > task.slots_open) problems.push(`${name} has ${own.length} results for ${task.slots_open} slots`);
        const arbitrated = arbitrations.get(task.id) ?? 0;
        if (task.slots_open !== task.redundancy + arbitrated) {
            problems.push(`${name} has ${task.slots_open} slots open for redundancy ${task.redundancy} and ${arbitrated} arbitrations`);
        }
        if (task.status === 'validated') {
            if (task.canonical_hash === null) problems.push(`${name} has no canonical hash`);
            for (const r of own) {
                const expected = r.result_hash === task.canonical_hash ? 'valid' : 'invalid';
                if (r.verdict !== expected) problems.push(`${name}: result of ${r.device_id} has verdict ${r.verdict}, not ${expected}`);
            }
        } else {
            if (task.canonical_hash !== null) problems.push(`${name} has a canonical hash`);
            for (const r of own) if (r.verdict !== null) problems.push(`${name}: result of ${r.device_id} has a verdict`);
            // The result that fills the last open slot decides the task in its own transaction.
            if ((task.status === 'open' || task.status === 'validating') && own.length === task.slots_open) {
                problems.push(`${name} has every slot delivered and is undecided`);
            }
        }
    }
    return [...problems, ...trustViolations(db, results)];
}

/**
 * Each verdict moved its device's trust once, in the transaction that gave it. Exact when no slot timed out and
 * each device's verdicts are of one kind with equal turnarounds, so that their order does not matter: the
 * durability plan's frozen clock makes every turnaround 0 and lets no slot expire.
 */
function trustViolations(db: Database.Database, results: ResultRow[]): string[] {
    const devices = db.prepare('SELECT id, accuracy_alpha, accuracy_beta, latency_ewma_ms, stability FROM devices').all() as Array<{
        id: string;
        accuracy_alpha: number;
        accuracy_beta: number;
        latency_ewma_ms: number | null;
        stability: number;
    }>;
    const problems: string[] = [];
    for (const device of devices) {
        let expected: TrustVector = initialTrust();
        for (const r of results.filter((x) => x.device_id === device.id && x.verdict !== null)) {
            expected = updateTrust(expected, r.verdict === 'valid' ? { kind: 'valid', turnaroundMs: r.turnaround_ms } : { kind: 'invalid' });
        }
        const actual: TrustVector = {
            accuracyAlpha: device.accuracy_alpha,
            accuracyBeta: device.accuracy_beta,
            latencyEwmaMs: device.latency_ewma_ms,
            stability: device.stability,
        };
        const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
        if (!(Object.keys(expected) as Array<keyof TrustVector>).every((k) => close(actual[k], expected[k]))) {
            problems.push(`device ${device.id} has trust ${JSON.stringify(actual)}, its verdicts make ${JSON.stringify(expected)}`);
        }
    }
    return problems;
}
