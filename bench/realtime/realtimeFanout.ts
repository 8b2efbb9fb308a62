// One fan-out series: offers of tasks, one at a time, each set off by opening the task as the service opens one (see
// realtimeOpening.ts; the service then queues the opening, and the queue's consumer logs the offer and calls the hub),
// and timed from that opening until the child reports the last eligible device has the frame. The server's event
// loop is watched over each measured offer (see realtimeLoopWatch.ts). Afterwards every socket is synced and who got
// what counted.
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { PhaseProfiler } from '../load/cpuProfile';
import { DeviceClientPool } from './realtimeClientPool';
import { epochMs } from '../load/epochClock';
import { LoopWatch } from './realtimeLoopWatch';
import { OfferProbe } from './realtimeOfferProbe';
import { openAsEscrowConfirmed } from './realtimeOpening';
import { OfferTally } from './realtimeProtocol';
import { RealtimeService } from './realtimeService';

/** An offer that has not reached every eligible device by then counts as failed (and is reported, not waited for). */
const OFFER_TIMEOUT_MS = 10_000;
/** Quiet between offers, so one offer's tail (acknowledgement, garbage collection) does not start the next's clock. */
const GAP_MS = 25;
/** How long the loop is watched with nothing to do, for the baseline. */
const IDLE_WINDOW_MS = 1_000;

export interface OfferSample {
    taskId: string;
    /** Opening to the last eligible device's arrival: the measure. */
    totalMs: number;
    /** Opening to the hub's call: the opening's commit, the queue (publish, delivery), offer log, audience. */
    queueMs: number;
    /** The hub's time-sliced loop over the sockets, and the CPU the server's process spent in that time. */
    hubMs: number;
    hubCpuMs: number;
    /** Opening to the first arrival at any device. */
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
    /** Longest event-loop delay in the server's process while each measured offer ran (and the gap after it), in ms. */
    loopBlockMs: number[];
    /** Longest garbage-collection pause in those windows, in ms. */
    maxGcPauseMs: number;
    /** Longest event-loop delay over an idle second before the offers, in ms. */
    idleLoopBlockMs: number;
    /**
     * The machine's one-minute load average when the measured offers started, this bench's own processes included
     * (server and clients make about 2): on a 2-core machine, more than that means other work competing for the CPUs.
     */
    machineLoad: number;
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
    const openedAt = epochMs();
    await openAsEscrowConfirmed(run.service.ctx, taskId);
    const [arrived, hub] = await Promise.all([arrival, hubTiming]);
    if (!arrived || !hub) return undefined;
    return {
        taskId,
        totalMs: arrived.lastEpochMs - openedAt,
        queueMs: hub.calledEpochMs - openedAt,
        hubMs: hub.resolvedEpochMs - hub.calledEpochMs,
        hubCpuMs: hub.cpuMs,
        firstArrivalMs: arrived.firstEpochMs - openedAt,
        sent: hub.sent,
        clientCpuMs: arrived.clientCpuMs,
        clientSpanMs: arrived.lastEpochMs - arrived.firstEpochMs,
    };
}

/** Offers `warmUpIds` unmeasured (JIT, caches), then `measuredIds` measured; every offer made is tallied. */
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
    const offered: string[] = [];
    // After an offer that did not arrive, the rest would most likely wait out their timeouts too: the series stops.
    const offer = async (taskId: string) => {
        offered.push(taskId);
        const sample = await offerOnce(run, taskId);
        if (!sample) timedOut.push(taskId);
        await sleep(GAP_MS);
        return sample;
    };
    for (const taskId of warmUpIds) if (!(await offer(taskId))) break;

    const loop = new LoopWatch();
    const idleLoopBlockMs = await loop.idleBaselineMs(IDLE_WINDOW_MS);
    const machineLoad = loadavg()[0];
    const samples: OfferSample[] = [];
    await run.profiler.around(phase, async () => {
        for (const taskId of timedOut.length === 0 ? measuredIds : []) {
            const sample = await loop.window(() => offer(taskId));
            if (!sample) break;
            samples.push(sample);
        }
    });
    await loop.stop();

    const { offers, unreadableOffers, closedSockets } = await run.clients.tally(offered);
    return {
        ...expected,
        samples,
        timedOut,
        loopBlockMs: loop.windowMaxMs,
        maxGcPauseMs: loop.maxGcPauseMs(),
        idleLoopBlockMs,
        machineLoad,
        tallies: offers,
        unreadableOffers,
        closedSockets,
    };
}
