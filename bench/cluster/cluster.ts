// npm run bench:cluster — validated results and fresh payout intents per second through real HTTP: one node on
// SQLite, then 1, 2 and 3 nodes on one PostgreSQL (requests spread round-robin over the nodes, as a load balancer
// without sticky sessions would), beside a bare route; a table with the CPU each process spent, then a JSON line.
//
// Each configuration starts from nothing: a new database, its own devnet and nodes (tests/helpers/serviceCluster.ts:
// server.ts processes with the production configuration, background loops off as in bench:service). Seeding goes
// straight into the store from this process through the service's own functions (seedingContext.ts): workers with
// devices and sessions, tasks created and opened as `checkEscrow` opens them, every slot claimed by three workers.
// So every timed submission is real work (every third decides a task: consensus, verdicts, three trust updates) and
// every timed intent is freshly signed. The bench fails unless every timed request is answered 200, every task it
// submitted to ends validated, and every intent answered was newly stored.
import { loadavg } from 'node:os';
import Redis from 'ioredis';
import { startPostgres } from '../../tests/helpers/postgresServer';
import { startRedisServer } from '../../tests/backend/queue/redisServer';
import { LoadGenerator } from '../load/loadGenerator';
import { measureBareRoute } from './bareRoutePhase';
import { ClusterCounts, ClusterSize, runConfiguration, SharedParts } from './clusterConfiguration';
import { printReport, ReportedPhase } from './clusterReport';

const SIZES: ClusterSize[] = [
    { name: 'sqlite1', nodes: 1, store: 'sqlite' },
    { name: 'pg1', nodes: 1, store: 'postgres' },
    { name: 'pg2', nodes: 2, store: 'postgres' },
    { name: 'pg3', nodes: 3, store: 'postgres' },
];

// Enough tasks that the results phase runs its full time at the rate each store reached here, and half as much again.
// PostgreSQL gets fewer: it is slower here, and seeding it is a round trip per statement (about a minute for 2,800).
const COUNTS: Record<ClusterSize['store'], ClusterCounts> = {
    sqlite: { workers: 300, warmUpTasks: 300, resultTasks: 4_000, intentTasks: 2_000, resultSeconds: 5, intentSeconds: 3 },
    postgres: { workers: 300, warmUpTasks: 100, resultTasks: 800, intentTasks: 800, resultSeconds: 5, intentSeconds: 3 },
};

const BARE_ROUTE = { requests: 100_000, seconds: 4 };

/** BENCH_CLUSTER_SMOKE=1: every phase with tiny counts, to check the bench works end to end (figures mean nothing). */
const SMOKE_COUNTS: ClusterCounts = { workers: 30, warmUpTasks: 20, resultTasks: 60, intentTasks: 60, resultSeconds: 5, intentSeconds: 3 };
const SMOKE_BARE_ROUTE = { requests: 2_000, seconds: 4 };

async function redisPid(url: string): Promise<number> {
    const redis = new Redis(url);
    try {
        const info = await redis.info('server');
        return Number(/process_id:(\d+)/.exec(info)![1]);
    } finally {
        redis.disconnect();
    }
}

function capitalised(name: string): string {
    return name[0].toUpperCase() + name.slice(1);
}

async function main() {
    const smoke = process.env.BENCH_CLUSTER_SMOKE === '1';
        const bareRoute = smoke ? SMOKE_BARE_ROUTE : BARE_ROUTE;
    const loadAverageBefore = loadavg();
    const postgres = await startPostgres({ database: 'bench_admin' });
    const redis = await startRedisServer();
    const load = LoadGenerator.start();
    try {
        const shared: SharedParts = { postgres, redisUrl: redis.url, redisPid: await redisPid(redis.url), load };
        const phases: ReportedPhase[] = [];
        const bare = await measureBareRoute(load, bareRoute.requests, bareRoute.seconds);
        phases.push({ key: 'bareRoute', label: 'bare route, 1 process', phase: bare });
        for (const size of SIZES) {
            const started = Date.now();
            const { results, intents } = await runConfiguration(shared, size, smoke ? SMOKE_COUNTS : COUNTS[size.store]);
            phases.push({ key: size.name, label: `${size.name} results`, phase: results });
            phases.push({ key: `intents${capitalised(size.name)}`, label: `${size.name} fresh intents`, phase: intents });
            console.error(`${size.name}: ${Math.round(results.requests / results.seconds)} results/s, ${Math.round((Date.now() - started) / 1000)} s in all`);
        }
        printReport(phases, loadAverageBefore);
    } finally {
        load.stop();
        await redis.stop();
        await postgres.stop();
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
