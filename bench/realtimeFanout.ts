// One fan-out series: offers of open tasks, one at a time, each announced the way the service announces a task that
// opens (the `task` event, which publishes to the queue; the dispatcher then logs the offer and calls the hub), and
// timed from that announcement until the child reports the last eligible device has the frame. The server's longest
// event-loop block is watched over the measured offers; afterwards every socket is synced and who got what counted.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { PhaseProfiler } from './cpuProfile';
import { DeviceClientPool } from './realtimeClientPool';
import { epochMs } from './realtimeClock';
import { OfferProbe } from './realtimeOfferProbe';
import { OfferTally } from './realtimeProtocol';
import { RealtimeService } from './realtimeService';

/** An offer that has not reached every eligible device by then counts as failed (and is reported, not waited for). */
const OFFER_TIMEOUT_MS = 10_000;
/** Quiet between offers, so one offer's tail (acknowledgement, garbage collection) does not start the next's clock. */
const GAP_MS = 25;

export interface OfferSample {
    taskId: string;
    /** Announcement to the last eligible device's arrival: the measure. */
    totalMs: number;
    /** Announcement to the hub's call: queue publish, delivery, offer log, audience. */
    queueMs: number;
    /** The hub's time-sliced loop over the sockets. */
    hubMs: number;
    /** Announcement to the first arrival at any device. */
    firstArrivalMs: number;
    /** Sockets the hub sent the frame to. */
    sent: number;
    /** CPU the clients' process spent between the first and the last arrival, and that span. */
    clientCpuMs: number;
    clientSpanMs: number;
}

export interface FanoutSeries {
    devices: number;
    eligible: number;
    samples: OfferSample[];
    /** Offers that did not reach every eligible device in time. */
    timedOut: string[];
    /** Longest event-loop delay in the server's process while the measured offers ran, in ms. */
    maxLoopBlockMs: number;
    tallies: OfferTally[];
    unreadableOffers: number;
    closedSockets: number;
}

export interface FanoutRun {
    service: RealtimeService;
    clients: DeviceClientPool;
    probe: OfferProbe;
    profiler: PhaseProfiler;
}

async function offerOnce(run: FanoutRun, taskId: string): Promise<OfferSample | undefined> {
    const arrival = run.clients.arrivalOf(taskId, OFFER_TIMEOUT_MS);
    const hubTiming = run.probe.timingOf(taskId, OFFER_TIMEOUT_MS);
    const announcedAt = epochMs();
    run.service.ctx.events.emit('task', taskId, 'open');
    const [arrived, hub] = await Promise.all([arrival, hubTiming]);
    if (!arrived || !hub) return undefined;
    return {
        taskId,
        totalMs: arrived.lastEpochMs - announcedAt,
        queueMs: hub.calledEpochMs - announcedAt,
        hubMs: hub.resolvedEpochMs - hub.calledEpochMs,
        firstArrivalMs: arrived.firstEpochMs - announcedAt,
        sent: hub.sent,
        clientCpuMs: arrived.clientCpuMs,
        clientSpanMs: arrived.lastEpochMs - arrived.firstEpochMs,
    };
}

/** Offers `warmUpIds` unmeasured (JIT, caches), then `measuredIds` measured; every one of them is tallied. */
export async function runFanoutSeries(
    run: FanoutRun,
    phase: string,
    expected: { devices: number; eligible: number },
    warmUpIds: string[],
    measuredIds: string[],
): Promise<FanoutSeries> {
    if (run.service.hub.size !== expected.devices) {
        throw new Error(`${phase}: the hub holds ${run.service.hub.size} sockets, ${expected.devices} expected`);
    }
    const timedOut: string[] = [];
    for (const taskId of warmUpIds) {
        if (!(await offerOnce(run, taskId))) timedOut.push(taskId);
        await sleep(GAP_MS);
    }

    const samples: OfferSample[] = [];
    const loop = monitorEventLoopDelay({ resolution: 1 });
    await run.profiler.around(phase, async () => {
        loop.enable();
        for (const taskId of measuredIds) {
            const sample = await offerOnce(run, taskId);
            if (sample) samples.push(sample);
            else timedOut.push(taskId);
            await sleep(GAP_MS);
        }
        loop.disable();
    });

    const { offers, unreadableOffers, closedSockets } = await run.clients.tally([...warmUpIds, ...measuredIds]);
    return { ...expected, samples, timedOut, maxLoopBlockMs: loop.max / 1e6, tallies: offers, unreadableOffers, closedSockets };
}
