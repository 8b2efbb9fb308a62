// npm run bench:realtime — the WebSocket offer fan-out at 1,000 and 10,000 connected devices, the server's longest
// event-loop block meanwhile, and dispatch throughput of the Redis Streams queue beside BullMQ; tables, then one
// JSON line. BENCH_PROFILE_DIR=<dir> also writes a CPU profile of the server's process per measured fan-out series.
//
// This process runs redis-server (a child, on a free port) and the service, which listens on 127.0.0.1 and
// dispatches through the Redis Streams queue. The devices are a second child (realtimeClients.ts) with one
// `ws` socket per device, so on a 2-core machine server and clients each have a core.
//
// Seeded before any clock starts, not through HTTP (see realtimeSeed.ts): devices with their sessions and trust, and
// tasks awaiting their escrow. Each offer is set off by opening a task as `checkEscrow` opens one whose escrow
// matches (its transaction, then its `task` event), without funding the escrow on the sandbox, which would take
// seconds per task (see realtimeOpening.ts). From there the service does the rest: the opening is queued (Redis
// Streams), the queue's consumer logs the offer and fans it out through the hub. Nothing here writes to a socket
// on the server's behalf.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PhaseProfiler } from '../load/cpuProfile';
import { Cleanup } from './realtimeCleanup';
import { DeviceClientPool } from './realtimeClientPool';
import { FanoutRun, runFanoutSeries } from './realtimeFanout';
import { OfferProbe } from './realtimeOfferProbe';
import { startBenchRedis } from '../load/redisServer';
import { printReport } from './realtimeReport';
import { isEligibleIndex, seedAwaitingTasks, seedDevices } from './realtimeSeed';
import { startRealtimeService } from './realtimeService';
import { measureThroughput } from './realtimeThroughput';

const SIZES = [1_000, 10_000] as const;
const WARM_UP_OFFERS = 3;
const MEASURED_OFFERS = 20;

function progress(line: string): void {
    process.stderr.write(`[realtime ${(performance.now() / 1000).toFixed(1)} s] ${line}\n`);
}

function eligibleAmong(devices: number): number {
    let eligible = 0;
    for (let i = 0; i < devices; i++) if (isEligibleIndex(i)) eligible++;
    return eligible;
}

async function main() {
    const cleanup = new Cleanup();
    try {
        const redis = await startBenchRedis();
        cleanup.add('redis-server', () => redis.stop());
        const service = await startRealtimeService(redis.url);
        cleanup.add('the service', () => service.close());
        const clients = DeviceClientPool.start();
        cleanup.add('the device clients', () => clients.stop());
        const profiler = await PhaseProfiler.fromEnv(process.env);
        cleanup.add('the profiler', () => profiler.close());
        const run: FanoutRun = { service, clients, probe: new OfferProbe(service.hub), profiler };
        const { ctx, tokens, wsUrl } = service;

        const perSize = WARM_UP_OFFERS + MEASURED_OFFERS;
        const taskIds = await seedAwaitingTasks(ctx, perSize * SIZES.length);
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
            const [warmUp, measured] = [tasks.slice(0, WARM_UP_OFFERS), tasks.slice(WARM_UP_OFFERS)];
            const done = await runFanoutSeries(run, `fan-out to ${size} devices`, expected, warmUp, measured);
            progress(`${done.samples.length} offers measured at ${size} devices, ${done.timedOut.length} timed out`);
            series.push(done);
        }
        await clients.stop();
        while (service.hub.size > 0) await sleep(10);

        progress('measuring queue throughput: Redis Streams and BullMQ');
        const throughput = await measureThroughput(redis, ctx.store, taskIds);
        printReport(series[0], series[1], clock, throughput);
    } catch (err) {
        // Reported before cleaning up, so a cleanup that goes wrong cannot hide it.
        console.error(err);
        process.exitCode = 1;
    } finally {
        await cleanup.closeAll();
    }
    // After a close that failed or timed out, something may still hold the event loop open; the bench ends anyway.
    if (cleanup.failed) process.exit(1);
}

void main();
