// One configuration of bench:cluster, from nothing to stopped: a fresh database (a new PostgreSQL database, or the
// single node's new SQLite file), its nodes, seeding, a warm-up, then the measured result submissions and the
// measured fresh payout intents, each request sent round-robin over the nodes.
import { Client } from 'pg';
import Redis from 'ioredis';
import { countNotValidated, seedClaimedTasks, validateInProcess, BenchTask } from '../service/benchTasks';
import { BenchWorker, QUORUM, seedWorkers } from '../service/benchWorkers';
import { intentLoad, resultLoad } from '../service/serviceLoad';
import { LoadGenerator } from '../load/loadGenerator';
import { LoadPhase } from '../load/loadPhase';
import { ServiceContext } from '../../backend/src/service/context';
import { ServiceCluster } from '../../tests/helpers/serviceCluster';
import { PostgresServer } from '../../tests/helpers/postgresServer';
import { ClusterPhase, CpuSource, measureClusterPhase } from './clusterPhase';
import { PostgresWaits } from './postgresWaits';
import { seedingSide } from './seedingContext';
import { postmasterPid } from './processCpu';

export interface ClusterSize {
    /** `sqlite1`, `pg1`, ...: the name in the table and the JSON line. */
    name: string;
    nodes: number;
    store: 'sqlite' | 'postgres';
}

/** What every configuration shares: one PostgreSQL server, one Redis, one load client. */
export interface SharedParts {
    postgres: PostgresServer;
    redisUrl: string;
    redisPid: number;
    load: LoadGenerator;
}

/** How much each configuration seeds and how long its phases may run. */
export interface ClusterCounts {
    workers: number;
    warmUpTasks: number;
    /** Tasks seeded for the results phase: more than the cluster can finish in `resultSeconds` on this machine. */
    resultTasks: number;
    /** Tasks whose intents the intents phase may ask for (the validated ones, topped up in-process). */
    intentTasks: number;
    resultSeconds: number;
    intentSeconds: number;
}

export interface ConfigurationResult {
    size: ClusterSize;
    results: ClusterPhase;
    intents: ClusterPhase;
}

/** What the phases of one configuration share. */
interface Bench {
    ctx: ServiceContext;
    workers: BenchWorker[];
    /** The nodes' base URLs, over which requests go round-robin. */
    urls: string[];
    measure(name: string, phase: LoadPhase): Promise<ClusterPhase>;
}

export async function runConfiguration(shared: SharedParts, size: ClusterSize, counts: ClusterCounts): Promise<ConfigurationResult> {
    const databaseUrl = size.store === 'postgres' ? await freshDatabase(shared.postgres, `bench_${size.name}`) : '';
    await flushRedis(shared.redisUrl);
    const cluster = new ServiceCluster({
        nodes: size.nodes,
        databaseUrl,
        redisUrl: shared.redisUrl,
        env: {
            // As in bench:service: no background sweep or chain watch competing with the measured requests.
            SWEEP_INTERVAL_MS: '0',
            CHAIN_POLL_INTERVAL_MS: '0',
            // The single SQLite node runs as `npm start` runs it: without Redis (queue and rate limits in memory).
            ...(size.store === 'sqlite' ? { REDIS_URL: '' } : {}),
        },
    });
    try {
        await cluster.start();
        const seeding = await seedingSide(cluster, databaseUrl);
        const waits = databaseUrl ? await PostgresWaits.connect(databaseUrl) : undefined;
        try {
            const { ctx, tokens } = seeding;
            const sources = cpuSources(shared, cluster, size);
            const bench: Bench = {
                ctx,
                workers: await seedWorkers(ctx, tokens, counts.workers),
                urls: Array.from({ length: size.nodes }, (_, i) => cluster.node(i).url),
                measure: (name, phase) => measureClusterPhase(shared.load, `${size.name} ${name}`, phase, sources, waits),
            };
            const { workers, urls } = bench;
            const warmUpTasks = await seedClaimedTasks(ctx, workers, counts.warmUpTasks);
            const resultTasks = await seedClaimedTasks(ctx, workers, counts.resultTasks);
            // Warm-up on tasks of its own: JIT, statement caches, pooled connections on every node.
            const warmedUp = await bench.measure('warm-up results', resultLoad(urls, workers, warmUpTasks, counts.resultSeconds));
            const warmUpValidated = warmUpTasks.slice(0, warmedUp.requests / QUORUM);
            await bench.measure('warm-up intents', intentLoad(urls, workers, warmUpValidated, counts.intentSeconds));

            const results = await bench.measure('results', resultLoad(urls, workers, resultTasks, counts.resultSeconds));
            const validated = resultTasks.slice(0, results.requests / QUORUM);
            const notValidated = await countNotValidated(ctx, validated);
            if (notValidated > 0) throw new Error(`${size.name} results: ${notValidated} of ${validated.length} tasks did not end validated`);

            const intents = await measureFreshIntents(bench, validated, counts);
            return { size, results, intents };
        } finally {
            await waits?.close();
            await seeding.close();
        }
    } finally {
        await cluster.stop();
    }
}

/** Intents for the validated tasks (topped up in-process); every answered request must have stored a new intent. */
async function measureFreshIntents(bench: Bench, validated: BenchTask[], counts: ClusterCounts): Promise<ClusterPhase> {
    const { ctx, workers } = bench;
    const topUp = await seedClaimedTasks(ctx, workers, Math.max(0, counts.intentTasks - validated.length));
    await validateInProcess(ctx, workers, topUp);
    const stored = async () => Number((await ctx.store.one<{ n: number }>('SELECT COUNT(*) AS n FROM payout_intents'))!.n);
    const before = await stored();
    const phase = await bench.measure('intents', intentLoad(bench.urls, workers, [...validated, ...topUp], counts.intentSeconds));
    const signed = (await stored()) - before;
    if (signed !== phase.requests) throw new Error(`intents: ${phase.requests} answered but ${signed} new intents stored`);
    return phase;
}

function cpuSources(shared: SharedParts, cluster: ServiceCluster, size: ClusterSize): CpuSource[] {
    const nodes = Array.from({ length: size.nodes }, (_, i) => ({ name: `node${i}`, pid: cluster.node(i).child!.pid! }));
    return [
        ...nodes,
        ...(size.store === 'postgres' ? [{ name: 'postgres', pid: postmasterPid(shared.postgres.dataDir) }] : []),
        ...(size.store === 'postgres' ? [{ name: 'redis', pid: shared.redisPid }] : []),
        { name: 'devnet', pid: cluster.devnet.child.pid! },
        { name: 'load', pid: shared.load.pid },
    ];
}

async function freshDatabase(postgres: PostgresServer, database: string): Promise<string> {
    const admin = new Client({ connectionString: postgres.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    try {
        await admin.query(`DROP DATABASE IF EXISTS ${database}`);
        await admin.query(`CREATE DATABASE ${database}`);
    } finally {
        await admin.end();
    }
    return postgres.url.replace(/\/[^/]+$/, `/${database}`);
}

async function flushRedis(url: string): Promise<void> {
    const redis = new Redis(url);
    try {
        await redis.flushall();
    } finally {
        redis.disconnect();
    }
}
