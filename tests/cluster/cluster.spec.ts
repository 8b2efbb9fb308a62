// The cluster proof (issue 14): three service nodes on one PostgreSQL, one Redis and one devnet behave as one service
// through a node crash, a Redis restart and a PostgreSQL restart, and lose, double or strand nothing.
//
// One continuous run carries all three faults, each at its own point while tasks are being created, funded, worked
// and paid (three runs of 100 tasks each would take three times as long and cover no more):
//   after 1/4 of the tasks are funded   kill -9 node 1, then start it again on the same port;
//   after 2/4                           stop Redis (its data goes: it runs without persistence) and start it again;
//   after 3/4                           restart PostgreSQL while every node is probed: an answer is 200 or
//                                       503 STORE_UNAVAILABLE with Retry-After, never a 500.
// Seven demo workers (demo/demoWorker.ts: the worker CLI, one wallet each) are spread over the nodes, one of them
// lying (always a wrong answer); the demo's requester creates and funds the tasks, redundancy 3, on each node in turn.
// Afterwards PostgreSQL and the chain are read: each task decided once, no acknowledged result lost, no slot held
// twice, no intent twice, each valid result paid on chain exactly once, the liar never, and the books reconcile to
// the nanoton (demo/ledger.ts, demo/reconcile.ts). 3½ to 5½ minutes on two cores; needs postgresql and
// redis-server. A failed run keeps the nodes' JSON logs and says where.
import { Address, toNano } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { TonClient } from '@ton/ton';
import { Client } from 'pg';
import { initialEntropy, updateEntropy } from '../../backend/src/domain';
import { EscrowMaster } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { CreatedTask, TaskView } from '../../protocol';
import { ServiceError } from '../../client/serviceError';
import { walletFromMnemonic, WorkerWallet } from '../../client/wallet';
import { Behaviour } from '../../demo/behaviours';
import { stopAllChildren } from '../../demo/childProcesses';
import { DemoConfig } from '../../demo/config';
import { latestLt, LedgerEntry, transactionsSince } from '../../demo/ledger';
import { AccountWindow, reconcile } from '../../demo/reconcile';
import { Requester } from '../../demo/requester';
import { faucet } from '../../demo/service';
import { planTasks } from '../../demo/taskPlan';
import { DemoWorker, newWorker, startWorker, stopWorker, WorkerReports } from '../../demo/workers';
import { startRedisServer, RedisServer } from '../backend/queue/redisServer';
import { PostgresServer, startPostgres } from '../helpers/postgresServer';
import { cpuSecondsOf, ServiceCluster } from '../helpers/serviceCluster';

const TASKS = 100;
const NODES = 3;
/** Which workers talk to which node: two honest on each, and the liar on node 0. */
const WORKERS_BY_NODE: Behaviour[][] = [['honest', 'honest', 'liar'], ['honest', 'honest'], ['honest', 'honest']];
const TASK_CONFIG: DemoConfig = {
    tasks: TASKS,
    behaviours: WORKERS_BY_NODE.flat(),
    // Far beyond the run: no intent is refused for a near deadline, and no task expires undecided.
    deadlineSeconds: 900,
    slotTimeoutSeconds: 15,
    redundancy: 3,
    budgetPerTask: toNano('0.5'),
    requesterGrant: toNano('100'),
    workerGrant: toNano('1'),
};
const FINAL = new Set(['validated', 'failed']);
const RUN_TIMEOUT_MS = 540_000;
const SETTLE_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Set once the run has failed or ended: the loops still going (funding, waiting on a fault) stop. */
let runOver = false;
const raw = (address: string) => Address.parse(address).toRawString();

/** The demo's reports, plus every result a worker was told was accepted (the service answered 200). */
class ClusterReports extends WorkerReports {
    readonly acknowledged: { task: string; worker: string }[] = [];
    readonly serverErrors: string[] = [];

    override note(worker: DemoWorker, line: string): void {
        super.note(worker, line);
        const submitted = /task (\d+): result submitted/.exec(line);
        if (submitted) this.acknowledged.push({ task: submitted[1], worker: worker.name });
        if (/INTERNAL|HTTP_500/.test(line)) this.serverErrors.push(`[${worker.name}] ${line}`);
    }
}

/** A transient failure (a node away, 503, Redis or PostgreSQL restarting) is retried, on the next node. */
async function onAnyNode<T>(requesters: Requester[], first: number, call: (r: Requester) => Promise<T>, seen: string[]): Promise<T> {
    const until = Date.now() + 90_000;
    for (let attempt = 0; ; attempt++) {
        try {
            return await call(requesters[(first + attempt) % requesters.length]);
        } catch (error) {
            if (!(error instanceof ServiceError && error.transient) || Date.now() > until || runOver) throw error;
            if (error.status >= 500 && error.status !== 503) seen.push(error.message);
            await sleep(500);
        }
    }
}

describe('three service nodes on one PostgreSQL, one Redis and one devnet', () => {
    let postgres: PostgresServer | undefined;
    let redis: RedisServer | undefined;
    let cluster: ServiceCluster | undefined;
    const workers: DemoWorker[] = [];
    let failed = true;

    beforeAll(async () => {
        postgres = await startPostgres();
        redis = await startRedisServer();
        cluster = new ServiceCluster({ nodes: NODES, databaseUrl: postgres.url, redisUrl: redis.url });
        await cluster.start();
    }, 180_000);

    afterAll(async () => {
        runOver = true;
        await Promise.all(workers.map(stopWorker));
        // A failed run keeps the nodes' logs (the path is printed) for the evidence.
        await cluster?.stop(failed);
        if (failed && cluster) process.stderr.write(`cluster files kept in ${cluster.dir}\n`);
        await redis?.stop();
        await postgres?.stop();
        await stopAllChildren();
    }, 120_000);

    it(
        'decides each task once, loses no acknowledged result and pays each valid result once through a node crash, a Redis restart and a PostgreSQL restart',
        async () => {
            const c = cluster!;
            const started = Date.now();
            const say = (line: string) => process.stderr.write(`[cluster ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
            const client = new TonClient({ endpoint: c.devnet.endpoint });
            const reports = new ClusterReports();
            const requesterErrors: string[] = [];

            // The workers first: they take a while to start.
            for (const [nodeIndex, behaviours] of WORKERS_BY_NODE.entries()) {
                for (const behaviour of behaviours) {
                    const fresh = await newWorker(workers.length, behaviour, c.node(nodeIndex).network);
                    const startLt = await faucet(c.node(0), fresh.wallet.address, TASK_CONFIG.workerGrant);
                    const worker = { ...fresh, startLt };
                    workers.push(worker);
                    startWorker(worker, c.node(nodeIndex), reports, () => undefined);
                }
            }
            const workersBefore = await Promise.all(workers.map((w) => client.getBalance(w.wallet.address)));

            const requesterWallet: WorkerWallet = await walletFromMnemonic(await mnemonicNew(), 'v4', c.node(0).network);
            const requesterStartLt = await faucet(c.node(0), requesterWallet.address, TASK_CONFIG.requesterGrant);
            const requesterBefore = await client.getBalance(requesterWallet.address);
            const requesters = Array.from({ length: NODES }, (_, i) => new Requester(c.node(i).url, requesterWallet, c.node(i).proofDomain, client));
            const modules = await requesters[0].uploadModules();

            const master = Address.parse(c.devnet.info.master);
            const masterBefore = { balance: await client.getBalance(master), lt: await latestLt(client, master) };
            const { treasury } = await client.open(EscrowMaster.fromAddress(master)).getConfig();
            const treasuryBefore = { balance: await client.getBalance(treasury), lt: await latestLt(client, treasury) };

            const readyBy = Date.now() + 120_000;
            while (reports.ready.size < workers.length) {
                if (Date.now() > readyBy) throw new Error(`only ${reports.ready.size} of ${workers.length} workers connected`);
                await sleep(250);
            }
            say(`${workers.length} workers connected; creating and funding ${TASKS} tasks`);

            // Tasks are created and funded on each node in turn while the faults run beside.
            const funded: { id: string; escrow: Address }[] = [];
            const produce = async () => {
                for (const [i, plan] of planTasks(TASKS).entries()) {
                    if (runOver) return;
                    const created = await onAnyNode(requesters, i, (r) => r.createTask(plan, modules.get(plan.operation)!, TASK_CONFIG), requesterErrors);
                    await requesters[0].sendFunding(created);
                    const view = await onAnyNode(requesters, i, (r) => r.confirmEscrow(created.task_id), requesterErrors);
                    funded.push({ id: view.task_id, escrow: Address.parse(view.escrow_address) });
                }
            };
            const whenFunded = async (count: number) => {
                while (funded.length < count) {
                    if (runOver) throw new Error('the run ended before this fault');
                    await sleep(200);
                }
            };
            const probes: { status: number; code?: string; retryAfter: string | null }[] = [];
            const faults = async () => {
                await whenFunded(TASKS / 4);
                say(`fault 1 at ${funded.length} funded: kill -9 node 1`);
                await c.kill(1);
                await sleep(2_000);
                await c.restart(1);
                say('node 1 is ready again');

                await whenFunded(TASKS / 2);
                say(`fault 2 at ${funded.length} funded: Redis stopped`);
                const redisPort = Number(new URL(redis!.url).port);
                await redis!.stop();
                await sleep(3_000);
                redis = await startRedisServer(redisPort);
                await c.allReady();
                say('Redis is back and every node ready');

                await whenFunded((3 * TASKS) / 4);
                say(`fault 3 at ${funded.length} funded: PostgreSQL restarting`);
                const token = await requesters[0].session.token();
                let probing = true;
                const probe = (async () => {
                    for (let n = 0; probing; n++) {
                        const response = await fetch(`${c.node(n % NODES).url}/api/v1/tasks/${funded[0].id}`, {
                            headers: { authorization: `Bearer ${token}` },
                        }).catch(() => undefined);
                        if (response) {
                            const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
                            probes.push({ status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after') });
                        }
                        await sleep(20);
                    }
                })();
                await postgres!.restart();
                await sleep(2_000);
                probing = false;
                await probe;
                await c.allReady();
                say('PostgreSQL is back and every node ready');
            };
            await Promise.all([produce(), faults()]).catch((error) => {
                runOver = true;
                throw error;
            });
            say(`${funded.length} tasks funded; waiting for the decisions and the claims`);

            const settleBy = Date.now() + SETTLE_TIMEOUT_MS;
            let views: TaskView[] = [];
            for (;;) {
                views = await Promise.all(funded.map((t, i) => onAnyNode(requesters, i, (r) => r.call<TaskView>('GET', `/api/v1/tasks/${t.id}`), requesterErrors)));
                const settled = views.filter((v) => FINAL.has(v.status) && reports.claimsSettled(v.task_id)).length;
                if (settled === views.length || Date.now() > settleBy) break;
                await sleep(2_000);
            }
            // No node died on its own along the way (an unhandled rejection ends the process).
            const exits = Array.from({ length: NODES }, (_, i) => c.node(i).child?.exitCode ?? c.node(i).child?.signalCode ?? null);
            expect(exits).toEqual(Array(NODES).fill(null));
            const cpu = [...Array.from({ length: NODES }, (_, i) => `node ${i} ${c.cpuSeconds(i)}`), `devnet ${cpuSecondsOf(c.devnet.child.pid!)}`];
            say(`CPU seconds: ${cpu.join(', ')}`);
            await Promise.all(workers.map(stopWorker));
            say(`settled: ${views.filter((v) => v.status === 'validated').length} validated, ${reports.claimsPaid} claims paid`);

            // The PostgreSQL restart: answered cleanly throughout, and refused with the retryable code while down.
            expect(probes.filter((p) => p.status !== 200 && p.status !== 503)).toEqual([]);
            const refused = probes.filter((p) => p.status === 503);
            expect(refused.length).toBeGreaterThan(0);
            expect(refused.every((p) => p.code === 'STORE_UNAVAILABLE' && p.retryAfter !== null)).toBe(true);
            // No 500 anywhere: not to the requester, not to a worker, not in a node's log.
            expect(requesterErrors).toEqual([]);
            expect(reports.serverErrors).toEqual([]);
            const failures = Array.from({ length: NODES }, (_, i) => c.logLines(i).filter((l) => l.msg === 'request failed'));
            expect(failures.flat()).toEqual([]);

            const db = new Client({ connectionString: postgres!.url });
            await db.connect();
            try {
                const ids = funded.map((t) => t.id);
                const wallets = new Map(workers.map((w) => [w.wallet.address.toRawString(), w]));
                const liar = workers.find((w) => w.behaviour === 'liar')!.wallet.address.toRawString();

                // Every funded task decided, validated (one liar never outvotes two honest workers), once: one row.
                const tasks = (await db.query<{ id: string; status: string; slots_open: number; escrow: string }>(
                    'SELECT id, status, slots_open, escrow FROM tasks WHERE id = ANY($1)', [ids])).rows;
                expect(tasks.length).toBe(TASKS);
                expect(tasks.filter((t) => t.status !== 'validated')).toEqual([]);
                expect((await db.query("SELECT id, status FROM tasks WHERE status IN ('open', 'validating')")).rows).toEqual([]);
                // Each consensus decision also counts once in its operation's decayed entropy: a task decided twice
                // would leave more decisions there than its decided tasks and collisions explain.
                const entropy = (await db.query<{ operation: string; decisions: number; verdicts: string }>(
                    `SELECT e.operation, e.decisions,
                            (SELECT COUNT(*) FROM tasks t WHERE t.operation = e.operation AND t.status IN ('validated', 'failed'))
                          + (SELECT COUNT(*) FROM collisions c JOIN tasks t ON t.id = c.task_id WHERE t.operation = e.operation) AS verdicts
                     FROM entropy e ORDER BY e.operation`)).rows;
                expect(entropy.map((e) => e.operation)).toEqual(['hash-chain', 'matrix-product', 'prime-sieve']);
                for (const e of entropy) expect(e.decisions).toBeCloseTo(decayedCount(Number(e.verdicts)), 9);

                // No acknowledged result lost.
                const results = (await db.query<{ task_id: string; wallet: string; verdict: string | null }>(
                    'SELECT task_id, wallet, verdict FROM results WHERE task_id = ANY($1)', [ids])).rows;
                const stored = new Set(results.map((r) => `${r.task_id} ${raw(r.wallet)}`));
                const lost = reports.acknowledged
                    .map((a) => `${a.task} ${workers.find((w) => w.name === a.worker)!.wallet.address.toRawString()}`)
                    .filter((key) => !stored.has(key));
                expect(lost).toEqual([]);
                expect(reports.acknowledged.length).toBeGreaterThanOrEqual(TASKS * TASK_CONFIG.redundancy);

                // No slot held twice: the key holds one per (task, device); held and delivered never exceed the slots.
                const overfull = (await db.query(
                    `SELECT t.id, t.slots_open, COUNT(a.device_id) AS held FROM tasks t JOIN assignments a ON a.task_id = t.id
                     WHERE t.id = ANY($1) AND a.status IN ('active', 'delivered') GROUP BY t.id, t.slots_open HAVING COUNT(a.device_id) > t.slots_open`,
                    [ids])).rows;
                expect(overfull).toEqual([]);

                // The liar's results all invalid, every honest one valid.
                expect(results.filter((r) => raw(r.wallet) === liar && r.verdict !== 'invalid')).toEqual([]);
                const valid = results.filter((r) => r.verdict === 'valid').map((r) => `${r.task_id} ${raw(r.wallet)}`);
                expect(results.filter((r) => raw(r.wallet) !== liar && r.verdict !== 'valid')).toEqual([]);

                // Intents: one per (task, executor) by the key; none for the liar; the chain's claims each match one.
                const intents = (await db.query<{ task_id: string; executor: string }>('SELECT task_id, executor FROM payout_intents WHERE task_id = ANY($1)', [ids])).rows;
                const intentKeys = new Set(intents.map((i) => `${i.task_id} ${raw(i.executor)}`));
                expect(intents.filter((i) => raw(i.executor) === liar)).toEqual([]);
                const claimsPaid = (await db.query<{ task_id: string; executor: string }>('SELECT task_id, executor FROM claims_paid WHERE task_id = ANY($1)', [ids])).rows;

                // The chain: per escrow, the payouts it sent to each worker's claim.
                const escrowWindows: AccountWindow[] = [];
                const paidOnChain: string[] = [];
                for (const task of funded) {
                    const entries = await transactionsSince(client, task.escrow, 0n);
                    escrowWindows.push({ name: `escrow ${task.id}`, address: task.escrow, before: 0n, after: await client.getBalance(task.escrow), entries });
                    for (const payout of payoutsOf(entries, [...wallets.keys()])) paidOnChain.push(`${task.id} ${payout}`);
                }
                expect(paidOnChain.filter((key) => key.endsWith(liar))).toEqual([]);
                expect(paidOnChain.filter((key, i) => paidOnChain.indexOf(key) !== i)).toEqual([]);
                expect(paidOnChain.filter((key) => !intentKeys.has(key))).toEqual([]);
                // Each valid result paid exactly once, and the service saw each of those claims.
                expect([...paidOnChain].sort()).toEqual([...valid].sort());
                expect(claimsPaid.map((cp) => `${cp.task_id} ${raw(cp.executor)}`).sort()).toEqual([...valid].sort());

                // The books, to the nanoton: requester, master and escrows, treasury and workers, from the chain alone.
                const window = async (name: string, address: Address, before: bigint, sinceLt: bigint): Promise<AccountWindow> => ({
                    name,
                    address,
                    before,
                    after: await client.getBalance(address),
                    entries: await transactionsSince(client, address, sinceLt),
                });
                const books = reconcile(
                    await window('requester', requesterWallet.address, requesterBefore, requesterStartLt),
                    [await window('master', master, masterBefore.balance, masterBefore.lt), ...escrowWindows],
                    await window('treasury', treasury, treasuryBefore.balance, treasuryBefore.lt),
                    await Promise.all(workers.map((w, i) => window(w.name, w.wallet.address, workersBefore[i], w.startLt))),
                );
                expect({ unexplained: books.unexplained, spent: books.spent }).toEqual({ unexplained: [], spent: books.accounted });
                expect(books.reconciled).toBe(true);
            } finally {
                await db.end();
            }
            failed = false;
        },
        RUN_TIMEOUT_MS,
    );
});

/** Raw addresses of the workers an escrow paid: each claim from a worker that the escrow answered with a payout. */
function payoutsOf(entries: LedgerEntry[], workerAddresses: string[]): string[] {
    return entries
        .filter((e) => e.from !== null && workerAddresses.includes(e.from.toRawString()))
        .filter((e) => e.sent.some((m) => m.to.equals(e.from!)))
        .map((e) => e.from!.toRawString());
}

/** An operation's entropy `decisions` after `verdicts` consensus verdicts, as updateEntropy counts them. */
function decayedCount(verdicts: number): number {
    let count = initialEntropy().decisions;
    for (let i = 0; i < verdicts; i++) count = updateEntropy({ decisions: count, collisions: 0 }, 'agreement').decisions;
    return count;
}
