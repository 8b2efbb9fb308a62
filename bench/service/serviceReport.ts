// The bench's answer: a table of the measured phases against their targets, then one JSON line.
import { QUORUM } from './benchWorkers';
import { MeasuredPhase } from '../load/measurePhase';
import { CONCURRENCY } from './serviceLoad';
import { SERVICE_TARGETS } from './serviceTargets';

function rowOf(metric: string, phase: MeasuredPhase, target?: number) {
    const perSecond = Math.round(phase.requests / phase.seconds);
    return {
        metric,
        requests: phase.requests,
        seconds: Number(phase.seconds.toFixed(2)),
        perSecond,
        target: target ?? '-',
        met: target === undefined ? '-' : perSecond >= target ? 'yes' : 'NO',
        p50Ms: Number(phase.p50Ms.toFixed(1)),
        p99Ms: Number(phase.p99Ms.toFixed(1)),
        // CPU the server's process spent per request, and how busy it was: near 100% means the server is the limit.
        serverCpuUs: Math.round((phase.serverCpuSeconds * 1e6) / phase.requests),
        serverBusy: `${Math.round((100 * phase.serverCpuSeconds) / phase.seconds)}%`,
    };
}

/** The table, then the one JSON line that scripts read. */
export function printReport({ bare, results, intents, reasks }: Record<'bare' | 'results' | 'intents' | 'reasks', MeasuredPhase>): void {
    const rows = [
        rowOf('bare fastify route (yardstick)', bare),
        rowOf(`result submissions, redundancy ${QUORUM}`, results, SERVICE_TARGETS.resultsPerSec),
        rowOf('payout intents, fresh', intents, SERVICE_TARGETS.intentsPerSec),
        rowOf('payout intents, re-asked', reasks),
    ];
    console.table(rows);
    console.log(
        JSON.stringify({
            resultsPerSec: rows[1].perSecond,
            intentsPerSec: rows[2].perSecond,
            bareRoutePerSec: rows[0].perSecond,
            intentReasksPerSec: rows[3].perSecond,
            resultsServerCpuUs: rows[1].serverCpuUs,
            intentsServerCpuUs: rows[2].serverCpuUs,
            intentReasksServerCpuUs: rows[3].serverCpuUs,
            bareRouteServerCpuUs: rows[0].serverCpuUs,
            concurrency: CONCURRENCY,
        }),
    );
}
