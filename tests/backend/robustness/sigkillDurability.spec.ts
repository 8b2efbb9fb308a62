// The service is SIGKILLed while results pour in, then restarted on the same data directory: every result it
// acknowledged is there, nothing is half-applied, and the submissions can simply be sent again.
import { mkdtempSync, rmSync } from 'fs';
import { Agent } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import { canonicalResultHash } from '../../../backend/src/domain';
import { ChildService, killChild, startChildService } from './childService';
import { canonicalHashOf, kindOf, outputOf, REDUNDANCY, Seeded, slotHoldersOf, TASK_COUNT } from './durabilityPlan';
import { JsonAnswer, jsonRequest } from './httpJson';
import { openReadOnly, storeViolations } from './storeInvariants';

const SEED = 20_260_101;
/** Submissions in flight at once: the child is never idle when the signal lands. */
const CONCURRENCY = 24;
/** Submissions of four tasks are interleaved at a time. */
const WAVE = 4 * 3;
/** Acknowledgements before the kill: about a third of the stream. */
const KILL_AFTER_ACKS = 60;
/** Starting the child includes compiling it and, the first time, funding 60 escrows on its sandbox. */
const START_TIMEOUT_MS = 90_000;
const REQUEST_TIMEOUT_MS = 30_000;

interface Submission {
    index: number;
    taskId: string;
    worker: string;
    deviceId: string;
    token: string;
    output: unknown;
}

interface Receipt {
    task_id: string;
    device_id: string;
    result_hash: string;
    verdict: 'valid' | 'invalid' | null;
    late: boolean;
    task_status: string;
}

describe('results survive a SIGKILL mid-stream', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gstd-sigkill-'));
    const databaseFile = join(dataDir, 'gstd.sqlite');
    const children: ChildService[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let seeded: Seeded;
    let submissions: Submission[];
    const acknowledged = new Map<Submission, Receipt>();
    let inFlightAtKill = 0;
    let restarted: ChildService;

    async function start(seed: boolean): Promise<ChildService> {
        const child = await startChildService(dataDir, { seed, timeoutMs: START_TIMEOUT_MS });
        children.push(child);
        return child;
    }

    function submit(port: number, s: Submission): Promise<JsonAnswer> {
        const body = { device_id: s.deviceId, output: s.output };
        return jsonRequest(agent, port, 'POST', `/api/v1/tasks/${s.taskId}/results`, s.token, body, REQUEST_TIMEOUT_MS);
    }

    function storeProblems(): string[] {
        const db = openReadOnly(databaseFile);
        try {
            return storeViolations(db);
        } finally {
            db.close();
        }
    }

    beforeAll(async () => {
        const first = await start(true);
        seeded = first.seeded!;
        const all = seeded.taskIds.flatMap((taskId, index) =>
            slotHoldersOf(index).map((worker) => ({ index, taskId, worker, ...seeded.workers[worker], output: outputOf(index, worker) })),
        );
        // Tasks in order, a few at a time, shuffled within each wave (fixed seed): around the kill some tasks have
        // their last result in flight, so the signal can land between a decision's statements.
        submissions = [];
        for (let i = 0; i < all.length; i += WAVE) {
            const wave = all.slice(i, i + WAVE);
            const shuffled = fc.shuffledSubarray(wave, { minLength: wave.length, maxLength: wave.length });
            submissions.push(...fc.sample(shuffled, { seed: SEED + i, numRuns: 1 })[0]);
        }

        let next = 0;
        let settled = 0;
        const lane = async () => {
            while (next < submissions.length) {
                const s = submissions[next++];
                const answer = await submit(first.port, s).catch(() => undefined);
                settled++;
                if (answer?.status === 200) {
                    acknowledged.set(s, answer.body as Receipt);
                    if (acknowledged.size === KILL_AFTER_ACKS) {
                        inFlightAtKill = next - settled;
                        first.process.kill('SIGKILL');
                    }
                }
            }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, lane));
        await first.exited;
        restarted = await start(false);
    });

    afterAll(async () => {
        agent.destroy();
        await Promise.all(children.map(killChild));
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('the kill landed mid-stream, with submissions in flight and more to come', () => {
        expect(children[0].process.signalCode).toBe('SIGKILL');
        // Answers the child wrote just before it died may still be read after the signal: they count as well.
        expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
        expect(acknowledged.size).toBeLessThan(submissions.length);
        expect(inFlightAtKill).toBeGreaterThan(0);
        expect(submissions.length).toBe(TASK_COUNT * REDUNDANCY);
    });

    it('every acknowledged result is stored with the hash its receipt gave', () => {
        const db = openReadOnly(databaseFile);
        try {
            const hashOf = db.prepare('SELECT result_hash FROM results WHERE task_id = ? AND device_id = ?').pluck();
            const missing = [...acknowledged].filter(([s, receipt]) => hashOf.get(s.taskId, s.deviceId) !== receipt.result_hash);
            expect(missing.map(([s]) => `${s.worker} on task ${s.index}`)).toEqual([]);
            for (const [s, receipt] of acknowledged) expect(receipt.result_hash).toBe(canonicalResultHash(s.output));
        } finally {
            db.close();
        }
    });

    it('after the restart nothing is half-applied: results, slots, verdicts and trust agree', () => {
        expect(storeProblems()).toEqual([]);
    });

    it('replaying an acknowledged submission returns its receipt again', async () => {
        for (const [s, receipt] of acknowledged) {
            const again = await submit(restarted.port, s);
            expect(again.status).toBe(200);
            const stable = (r: Receipt) => pick(r, ['task_id', 'device_id', 'result_hash', 'late']);
            expect(stable(again.body)).toEqual(stable(receipt));
            // A verdict, once given, never changes; one still pending may have been given since.
            if (receipt.verdict !== null) expect(again.body.verdict).toBe(receipt.verdict);
        }
    });

    it('the rest of the submissions go through after the restart and every task ends as planned', async () => {
        const rest = submissions.filter((s) => !acknowledged.has(s));
        for (let i = 0; i < rest.length; i += CONCURRENCY) {
            const answers = await Promise.all(rest.slice(i, i + CONCURRENCY).map((s) => submit(restarted.port, s)));
            expect(answers.filter((a) => a.status !== 200)).toEqual([]);
        }
        expect(storeProblems()).toEqual([]);

        // Any session may read a task.
        const reader = seeded.workers['honest-0'].token;
        for (const [index, taskId] of seeded.taskIds.entries()) {
            const task = await jsonRequest(agent, restarted.port, 'GET', `/api/v1/tasks/${taskId}`, reader, undefined, REQUEST_TIMEOUT_MS);
            const planned =
                kindOf(index) === 'collide'
                    ? { status: 'open', slots_open: REDUNDANCY + 1, canonical_result_hash: null }
                    : { status: 'validated', slots_open: REDUNDANCY, canonical_result_hash: canonicalHashOf(index) };
            expect({ index, ...pick(task.body, ['status', 'slots_open', 'canonical_result_hash']) }).toEqual({ index, ...planned });
        }
    });
});

function pick(body: object, keys: string[]): Record<string, unknown> {
    return Object.fromEntries(keys.map((k) => [k, (body as Record<string, unknown>)[k]]));
}
