// The demo end to end, small: two tasks, three workers of which one lies. It must reconcile to the nanoton,
// validate every task and never pay the liar.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_STAGES } from '../../demo/progress';

const REPO_ROOT = join(__dirname, '..', '..');
// Setup (~10 s) + the escrows' 90 s deadline + closing and reading the chain (~10 s): about 130 s here, with
// room for a slower, busier CI machine.
const DEMO_TIMEOUT_MS = 300_000;

describe('npm run demo', () => {
    it(
        'reconciles every nanoton, validates every task and never pays the liar',
        () => {
            const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'demo/run.ts'], {
                cwd: REPO_ROOT,
                env: { ...process.env, DEMO_TASKS: '2', DEMO_WORKERS: '3', DEMO_LIARS: '1', DEMO_DROPOUTS: '0', DEMO_DEADLINE_SECONDS: '90' },
                encoding: 'utf8',
                timeout: DEMO_TIMEOUT_MS,
                killSignal: 'SIGINT',
            });
            const lines = run.stdout.trim().split('\n');
            const summary = JSON.parse(lines[lines.length - 1]);

            expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
            expect(summary).toMatchObject({ tasks: 2, validated: 2, liarsPaid: 0, reconciled: true });
            // Redundancy 3 with one liar: the two honest results of each task are paid.
            expect(summary.claimsPaid).toBe(4);
            // Trust moved with the results: up for every honest worker, down for the liar, which got nothing.
            for (const worker of summary.workers) {
                expect(worker.trustBefore).toEqual(expect.any(Number));
                if (worker.behaviour === 'liar') {
                    expect(worker).toMatchObject({ receivedFromEscrows: '0' });
                    expect(worker.trustAfter).toBeLessThan(worker.trustBefore);
                } else {
                    expect(BigInt(worker.receivedFromEscrows)).toBeGreaterThan(0n);
                    expect(worker.trustAfter).toBeGreaterThan(worker.trustBefore);
                }
            }
            expect(summary.workers.map((w: { behaviour: string }) => w.behaviour).sort()).toEqual(['honest', 'honest', 'liar']);
            // Progress as it happens: every stage in order, and the count of finished tasks before the closing tables.
            const stages = lines.map((line) => /stage (\d)\/(\d): (.*)$/.exec(line)).filter((m) => m !== null);
            expect(stages.map((m) => m![3])).toEqual([...DEMO_STAGES]);
            const tables = lines.indexOf('Tasks');
            const counts = lines.slice(0, tables).filter((line) => /tasks done \d+\/2 /.test(line));
            expect(counts[counts.length - 1]).toMatch(/tasks done 2\/2 \(2 validated, 4 claims paid\)/);
        },
        DEMO_TIMEOUT_MS + 10_000,
    );
});
