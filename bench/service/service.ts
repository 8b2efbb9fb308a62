// npm run bench:service — throughput of the service's hot routes over real HTTP, as a table and a final JSON line.
// BENCH_PROFILE_DIR=<dir> also writes a CPU profile of the server per measured phase and prints its hot spots.
//
// The service listens on 127.0.0.1 in this process; the load comes from a child process (bench/load/loadClient.ts)
// over CONCURRENCY keep-alive connections, so on a 2-core machine each side has a core. A bare fastify route in
// this process, measured by the same client, is the yardstick for what HTTP alone costs here.
//
// Seeded before the clock starts, not through HTTP:
// - workers: wallets generated locally, sessions minted with the service's SessionTokens (login is not measured),
//   devices registered with `registerDevice`;
// - tasks: created with `createTask` (escrow addresses derived locally, see benchChain.ts), then opened directly in
//   the store as `checkEscrow` opens a task whose escrow matches (funding id and fee stored, `escrow_confirmed`
//   applied), because funding thousands of escrows on the sandbox would take minutes;
// - slots: claimed with `claimSlot`;
// - tasks for the intent phase beyond those the result phase validated: validated with `submitResult` in-process.
// Every timed request goes through a real route; the bench fails unless each is answered 200, every task it
// submitted to ends validated, and every fresh intent request stored a newly signed intent.
import { BenchTask, countNotValidated, seedClaimedTasks, validateInProcess } from './benchTasks';
import { BenchService, startBenchService } from './benchService';
import { BenchWorker, QUORUM, seedWorkers } from './benchWorkers';
import { PhaseProfiler } from '../load/cpuProfile';
import { LoadGenerator } from '../load/loadGenerator';
import { LoadPhase } from '../load/loadPhase';
import { measurePhase, MeasuredPhase } from '../load/measurePhase';
import { intentLoad, resultLoad, yardstickLoad } from './serviceLoad';
import { printReport } from './serviceReport';
import { SERVICE_TARGETS } from './serviceTargets';

const WORKERS = 300;
const WARM_UP_TASKS = 300;
const SECONDS = { yardstick: 4, results: 5, intents: 4, reasks: 3 };
/** Requests seeded per phase: the target rate for the phase's time, and half as much again for a faster service. */
const SUPPLY_FACTOR = 1.5;
/** Times the fresh intents are asked for again, at most: re-asks are faster than fresh ones and need no seeding. */
const REASK_ROUNDS = 10;
/** The yardstick needs no seeding; this many is more than the client can send in its time. */
const YARDSTICK_REQUESTS = 150_000;

function supplyOf(perSecond: number, seconds: number): number {
    return Math.ceil(perSecond * seconds * SUPPLY_FACTOR);
}

function tasksFor(requests: number): number {
    return Math.ceil(requests / QUORUM);
}

/** What the phases share: the service, its workers, and how a phase is measured. */
interface Bench {
    service: BenchService;
    workers: BenchWorker[];
    measure(name: string, phase: LoadPhase): Promise<MeasuredPhase>;
}

/** Submissions to seeded tasks; every task whose submissions were sent must end validated. */
async function measureResults(bench: Bench, tasks: BenchTask[]) {
    const { ctx, url } = bench.service;
    const phase = await bench.measure('results', resultLoad([url], bench.workers, tasks, SECONDS.results));
    const submitted = tasks.slice(0, phase.requests / QUORUM);
    const notValidated = await countNotValidated(ctx, submitted);
    if (notValidated > 0) throw new Error(`results: ${notValidated} of ${submitted.length} tasks did not end validated`);
    return { phase, validated: submitted };
}

/** Fresh intents for the validated tasks (topped up in-process to the supply), then the same ones asked again. */
async function measureIntents(bench: Bench, validated: BenchTask[]) {
    const { ctx, url } = bench.service;
    const stored = async () => (await ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM payout_intents'))!.n;
    const supply = tasksFor(supplyOf(SERVICE_TARGETS.intentsPerSec, SECONDS.intents));
    const topUp = await seedClaimedTasks(ctx, bench.workers, Math.max(0, supply - validated.length));
    await validateInProcess(ctx, bench.workers, topUp);
    const load = intentLoad([url], bench.workers, [...validated, ...topUp], SECONDS.intents);

    const storedBefore = await stored();
    const fresh = await bench.measure('intents', load);
    const signed = (await stored()) - storedBefore;
    if (signed !== fresh.requests) throw new Error(`intents: ${fresh.requests} answered but ${signed} new intents stored`);

    // The same (task, executor) pairs again, round after round: each gets its stored intent back, nothing is signed.
    const asked = load.requests.slice(0, fresh.requests);
    const again = { ...load, requests: Array.from({ length: REASK_ROUNDS }, () => asked).flat(), maxSeconds: SECONDS.reasks };
    const reasks = await bench.measure('intent re-asks', again);
    if ((await stored()) !== storedBefore + signed) throw new Error('intent re-asks: a re-ask stored a new intent');
    return { fresh, reasks };
}

async function main() {
    const service = await startBenchService();
    const load = LoadGenerator.start();
    const profiler = await PhaseProfiler.fromEnv(process.env);
    try {
        const { ctx, url, yardstickUrl } = service;
        const workers = await seedWorkers(ctx, service.tokens, WORKERS);
        const bench: Bench = { service, workers, measure: (name, phase) => measurePhase(load, profiler, name, phase) };
        const warmUpTasks = await seedClaimedTasks(ctx, workers, WARM_UP_TASKS);
        const resultTasks = await seedClaimedTasks(ctx, workers, tasksFor(supplyOf(SERVICE_TARGETS.resultsPerSec, SECONDS.results)));

        // Warm-up on tasks of its own, unprofiled: JIT, statement caches, connections.
        const warmUp = (name: string, phase: LoadPhase) => measurePhase(load, PhaseProfiler.off(), name, phase);
        await warmUp('warm-up yardstick', yardstickLoad([yardstickUrl], YARDSTICK_REQUESTS / 10, SECONDS.yardstick));
        await warmUp('warm-up results', resultLoad([url], workers, warmUpTasks, SECONDS.results));
        await warmUp('warm-up intents', intentLoad([url], workers, warmUpTasks, SECONDS.intents));

        const bare = await bench.measure('yardstick', yardstickLoad([yardstickUrl], YARDSTICK_REQUESTS, SECONDS.yardstick));
        const results = await measureResults(bench, resultTasks);
        const intents = await measureIntents(bench, results.validated);
        printReport({ bare, results: results.phase, intents: intents.fresh, reasks: intents.reasks });
    } finally {
        load.stop();
        profiler.close();
        await service.close();
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
