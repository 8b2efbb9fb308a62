// The realtime bench's answer: tables (fan-out per size, queue runs, targets), the eligibility check, the comparison's
// terms, then one JSON line for scripts.
import { FanoutSeries, OfferSample } from './realtimeFanout';
import { ClockOffset } from './realtimeClientPool';
import { QueueRun } from './realtimeQueueRun';
import { bestOf, QUEUE_TERMS, Throughput } from './realtimeThroughput';

export const REALTIME_TARGETS = { fanout10kP99Ms: 250, maxLoopBlockMs: 20 } as const;

/** Nearest rank: the smallest value at least `p` of the values are at or below (p99 of 20 values is the largest). */
export function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const ms = (value: number) => Number(value.toFixed(1));
const of = (samples: OfferSample[], pick: (s: OfferSample) => number, p: number) => ms(percentile(samples.map(pick), p));

/** What went wrong with who got offers, or an empty list. */
export function eligibilityProblems(series: FanoutSeries): string[] {
    const sum = (pick: (t: FanoutSeries['tallies'][number]) => number) => series.tallies.reduce((n, t) => n + pick(t), 0);
    const problems: string[] = [];
    const missing = sum((t) => t.eligibleMissing);
    const ineligible = sum((t) => t.ineligibleReceived);
    const duplicates = sum((t) => t.duplicates);
    const missent = series.samples.filter((s) => s.sent !== series.eligible).length;
    if (missing > 0) problems.push(`${missing} eligible device-offers never arrived`);
    if (ineligible > 0) problems.push(`${ineligible} offers reached ineligible devices`);
    if (duplicates > 0) problems.push(`${duplicates} duplicate offer frames`);
    if (missent > 0) problems.push(`${missent} offers the hub sent to other than ${series.eligible} sockets`);
    if (series.timedOut.length > 0) problems.push(`${series.timedOut.length} offers timed out`);
    if (series.unreadableOffers > 0) problems.push(`${series.unreadableOffers} offer frames without a task id`);
    if (series.closedSockets > 0) problems.push(`${series.closedSockets} sockets closed during the run`);
    return problems;
}

const share = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

/** Below this share of on-CPU time in its hub loops, the server mostly waited for a CPU: the run says little. */
const TRUSTWORTHY_ON_CPU = 0.9;

function onCpuShare(series: FanoutSeries): number {
    return series.samples.reduce((n, s) => n + s.hubCpuMs, 0) / series.samples.reduce((n, s) => n + s.hubMs, 0);
}

/** The offers' times: opening to the last eligible device, and its parts. */
function latencyRow(series: FanoutSeries) {
    const { samples } = series;
    const problems = eligibilityProblems(series);
    return {
        devices: series.devices,
        eligible: series.eligible,
        offers: samples.length,
        p50Ms: of(samples, (s) => s.totalMs, 0.5),
        p99Ms: of(samples, (s) => s.totalMs, 0.99),
        queueP50Ms: of(samples, (s) => s.queueMs, 0.5),
        hubLoopP50Ms: of(samples, (s) => s.hubMs, 0.5),
        hubLoopP99Ms: of(samples, (s) => s.hubMs, 0.99),
        firstArrivalP50Ms: of(samples, (s) => s.firstArrivalMs, 0.5),
        eligibility: problems.length === 0 ? 'ok' : problems.join('; '),
    };
}

/** The server's event loop over the measured offers, and what tells its causes apart. */
function loopRow(series: FanoutSeries) {
    const { samples } = series;
    const total = (pick: (s: OfferSample) => number) => samples.reduce((n, s) => n + pick(s), 0);
    return {
        devices: series.devices,
        maxLoopBlockMs: ms(percentile(series.loopBlockMs, 1)),
        loopBlockP50Ms: ms(percentile(series.loopBlockMs, 0.5)),
        maxGcPauseMs: ms(series.maxGcPauseMs),
        idleLoopBlockMs: ms(series.idleLoopBlockMs),
        // Below 100%: the server's process waited for a CPU during its hub loops (other work on the machine).
        serverOnCpuInHubLoop: `${Math.round(100 * onCpuShare(series))}%`,
        // Near 100%: the clients' process, not the server, set the pace of the last arrivals.
        clientBusy: share(total((s) => s.clientCpuMs), total((s) => s.clientSpanMs)),
        machineLoad: Number(series.machineLoad.toFixed(1)),
    };
}

function queueRow(queue: string, round: number, run: QueueRun) {
    return { queue, round, ...run, seconds: Number(run.seconds.toFixed(2)) };
}

function printFanout(fanouts: FanoutSeries[], clock: ClockOffset, eligibilityOk: boolean): void {
    console.log('\nOffer fan-out: task opened → last eligible device has the offer, ms (nearest-rank: of 20, p99 is the slowest)');
    console.table(fanouts.map(latencyRow));
    console.log('\nServer event loop over the measured offers, ms');
    console.table(fanouts.map(loopRow));
    for (const series of fanouts.filter((s) => onCpuShare(s) < TRUSTWORTHY_ON_CPU)) {
        const onCpu = Math.round(100 * onCpuShare(series));
        console.log(
            `note: at ${series.devices} devices the server's process ran for only ${onCpu}% of its hub loops' time ` +
                `(load ${series.machineLoad.toFixed(1)}): other work held the CPUs, so the times above are inflated.`,
        );
    }
    const offset = `${clock.offsetMs.toFixed(3)} ms, known to ±${(clock.roundTripMs / 2).toFixed(3)} ms`;
    console.log(`clocks: client − server offset ${offset}`);
    const outcome = eligibilityOk ? 'ok — every eligible device got each offer once, no ineligible device got one' : 'FAILED (see table)';
    console.log(`eligibility check: ${outcome}`);
}

function printThroughput(throughput: Throughput): void {
    console.log('\nDispatch throughput through Redis, entries acknowledged per second end to end');
    console.table([
        ...throughput.streams.map((run, i) => queueRow('Redis Streams (RedisStreamsQueue)', i + 1, run)),
        ...throughput.bullmq.map((run, i) => queueRow('BullMQ', i + 1, run)),
    ]);
    console.log(`terms: ${QUEUE_TERMS}`);
}

export function printReport(fanout1k: FanoutSeries, fanout10k: FanoutSeries, clock: ClockOffset, throughput: Throughput): void {
    const small = { ...latencyRow(fanout1k), ...loopRow(fanout1k) };
    const large = { ...latencyRow(fanout10k), ...loopRow(fanout10k) };
    const streams = bestOf(throughput.streams);
    const bullmq = bestOf(throughput.bullmq);
    const eligibilityOk = small.eligibility === 'ok' && large.eligibility === 'ok';
    printFanout([fanout1k, fanout10k], clock, eligibilityOk);
    printThroughput(throughput);

    console.log('\nTargets');
    const { fanout10kP99Ms, maxLoopBlockMs } = REALTIME_TARGETS;
    const target = (metric: string, value: number, limit: string, met: boolean) => {
        return { metric, value, target: limit, met: met ? 'yes' : 'NO' };
    };
    console.table([
        target('fanout10kP99Ms', large.p99Ms, `≤ ${fanout10kP99Ms}`, large.p99Ms <= fanout10kP99Ms),
        target('maxLoopBlockMs', large.maxLoopBlockMs, `≤ ${maxLoopBlockMs}`, large.maxLoopBlockMs <= maxLoopBlockMs),
        target('streamsPerSec', streams.perSecond, `≥ bullmqPerSec (${bullmq.perSecond})`, streams.perSecond >= bullmq.perSecond),
    ]);

    console.log(
        JSON.stringify({
            fanout10kP99Ms: large.p99Ms,
            maxLoopBlockMs: large.maxLoopBlockMs,
            streamsPerSec: streams.perSecond,
            bullmqPerSec: bullmq.perSecond,
            fanout10kP50Ms: large.p50Ms,
            fanout1kP50Ms: small.p50Ms,
            fanout1kP99Ms: small.p99Ms,
            maxLoopBlock1kMs: small.maxLoopBlockMs,
            hubLoop10kP99Ms: large.hubLoopP99Ms,
            offersPerSize: large.offers,
            serverOnCpuInHubLoop10k: large.serverOnCpuInHubLoop,
            machineLoad10k: large.machineLoad,
            eligibilityOk,
            streamsCpuUsPerEntry: streams.processCpuUs,
            bullmqCpuUsPerEntry: bullmq.processCpuUs,
            streamsRedisCpuUsPerEntry: streams.redisCpuUs,
            bullmqRedisCpuUsPerEntry: bullmq.redisCpuUs,
        }),
    );
}
