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

function fanoutRow(series: FanoutSeries) {
    const { samples } = series;
    const clientBusy = samples.reduce((n, s) => n + s.clientCpuMs, 0) / samples.reduce((n, s) => n + s.clientSpanMs, 0);
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
        // CPU share of the clients' process between first and last arrival: near 100% means the clients set the pace.
        clientBusy: `${Math.round(100 * clientBusy)}%`,
        maxLoopBlockMs: ms(series.maxLoopBlockMs),
        eligibility: problems.length === 0 ? 'ok' : problems.join('; '),
    };
}

function queueRow(queue: string, round: number, run: QueueRun) {
    return { queue, round, ...run, seconds: Number(run.seconds.toFixed(2)) };
}

export function printReport(fanout1k: FanoutSeries, fanout10k: FanoutSeries, clock: ClockOffset, throughput: Throughput): void {
    const small = fanoutRow(fanout1k);
    const large = fanoutRow(fanout10k);
    const streams = bestOf(throughput.streams);
    const bullmq = bestOf(throughput.bullmq);
    const eligibilityOk = small.eligibility === 'ok' && large.eligibility === 'ok';

    console.log('\nOffer fan-out: announcement (task event → queue) to the last eligible device’s arrival, ms');
    console.table([small, large]);
    console.log(`clocks: client − server offset ${clock.offsetMs.toFixed(3)} ms, known to ±${(clock.roundTripMs / 2).toFixed(3)} ms`);
    console.log(`eligibility check: ${eligibilityOk ? 'ok — every eligible device got each offer once, no ineligible device got one' : 'FAILED (see table)'}`);

    console.log('\nDispatch throughput through Redis, entries acknowledged per second end to end');
    console.table([
        ...throughput.streams.map((run, i) => queueRow('Redis Streams (RedisStreamsQueue)', i + 1, run)),
        ...throughput.bullmq.map((run, i) => queueRow('BullMQ', i + 1, run)),
    ]);
    console.log(`terms: ${QUEUE_TERMS}`);

    console.log('\nTargets');
    const target = (metric: string, value: number, limit: string, met: boolean) => ({ metric, value, target: limit, met: met ? 'yes' : 'NO' });
    console.table([
        target('fanout10kP99Ms', large.p99Ms, `≤ ${REALTIME_TARGETS.fanout10kP99Ms}`, large.p99Ms <= REALTIME_TARGETS.fanout10kP99Ms),
        target('maxLoopBlockMs', large.maxLoopBlockMs, `≤ ${REALTIME_TARGETS.maxLoopBlockMs}`, large.maxLoopBlockMs <= REALTIME_TARGETS.maxLoopBlockMs),
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
            eligibilityOk,
            streamsCpuUsPerEntry: streams.processCpuUs,
            bullmqCpuUsPerEntry: bullmq.processCpuUs,
            streamsRedisCpuUsPerEntry: streams.redisCpuUs,
            bullmqRedisCpuUsPerEntry: bullmq.redisCpuUs,
        }),
    );
}
