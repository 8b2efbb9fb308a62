// npm run bench:realtime — the WebSocket offer fan-out at 1,000 and 10,000 connected devices, the server's longest
// event-loop block meanwhile, and dispatch throughput of the Redis Streams queue beside BullMQ; tables, then one
// JSON line. BENCH_PROFILE_DIR=<dir> also writes a CPU profile of the server's process per measured fan-out series.
//
// This process runs redis-server (a child, on a free port) and the service, which listens on 127.0.0.1 and
// dispatches through the Redis Streams queue. The devices are a second child (bench/realtimeClients.ts) with one
// `ws` socket per device, so on a 2-core machine server and clients each have a core.
//
// Seeded before any clock starts, not through HTTP (see realtimeSeed.ts): devices with their sessions and trust, and
// open tasks. The tasks are opened directly in the store rather than by funding their escrows on the sandbox, which
// would take seconds per task. Each offer is then triggered the way the service triggers one: the `task` event a
// task emits when it opens, which publishes it to the queue, whose consumer (the service's dispatcher) logs the offer
// and fans it out through the hub. Nothing here writes to a socket on the server's behalf.
import { setTimeout as sleep } from 'node:timers/promises';
import { PhaseProfiler } from './cpuProfile';
import { DeviceClientPool } from './realtimeClientPool';
import { FanoutRun, runFanoutSeries } from './realtimeFanout';
import { OfferProbe } from './realtimeOfferProbe';
import { startBenchRedis } from './realtimeRedisServer';
import { printReport } from './realtimeReport';
import { isEligibleIndex, seedDevices, seedOpenTasks } from './realtimeSeed';
import { startRealtimeService } from './realtimeService';
import { measureThroughput } from './realtimeThroughput';

const SIZES = [1_000, 10_000] as const;
const WARM_UP_OFFERS = 3;
const MEASURED_OFFERS = 20;

function progress(line: string): void {
    process.stderr.write(`[realtime] ${line}\n`);
}

function eligibleAmong(devices: number): number {
    let eligible = 0;
    for (let i = 0; i < devices; i++) if (isEligibleIndex(i)) eligible++;
    return eligible;
}

async function main() {
    // Whatever was started is stopped, last first, however the run ends.
    const closers: Array<() => Promise<void> | void> = [];
    try {
        const redis = await startBenchRedis();
        closers.push(() => redis.stop());
        const service = await startRealtimeService(redis.url);
        closers.push(() => service.close());
        const clients = DeviceClientPool.start();
        closers.push(() => clients.stop());
        const profiler = await PhaseProfiler.fromEnv(process.env);
        closers.push(() => profiler.close());
        const run: FanoutRun = { service, clients, probe: new OfferProbe(service.hub), profiler };
        const { ctx, tokens, wsUrl } = service;

        const perSize = WARM_UP_OFFERS + MEASURED_OFFERS;
        const taskIds = await seedOpenTasks(ctx, perSize * SIZES.length);
        const clock = await clients.syncClocks();
        const series = [];
        let connected = 0;
        for (const [i, size] of SIZES.entries()) {
            const devices = await seedDevices(ctx, tokens, connected, size - connected);
            const { open, seconds } = await clients.connect(wsUrl, devices);
            connected = size;
            progress(`${open} devices connected (the last ${devices.length} in ${seconds.toFixed(1)} s); offering ${perSize} tasks`);
            const tasks = taskIds.slice(i * perSize, (i + 1) * perSize);
            const expected = { devices: size, eligible: eligibleAmong(size) };
            series.push(await runFanoutSeries(run, `fan-out to ${size} devices`, expected, tasks.slice(0, WARM_UP_OFFERS), tasks.slice(WARM_UP_OFFERS)));
        }
        await clients.stop();
        while (service.hub.size > 0) await sleep(10);

        progress('measuring queue throughput: Redis Streams and BullMQ');
        const throughput = await measureThroughput(redis, ctx.db, taskIds);
        printReport(series[0], series[1], clock, throughput);
    } finally {
        for (const close of closers.reverse()) {
            await Promise.resolve()
                .then(close)
                .catch((err: unknown) => console.error('cleaning up failed:', err));
        }
    }
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
