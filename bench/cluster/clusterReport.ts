// bench:cluster's answer: one row per measured phase (rate, latency, and the CPU each process spent, so a reader sees
// where the machine's cores went), then one JSON line for scripts.
import { cpus, loadavg } from 'node:os';
import { ClusterPhase } from './clusterPhase';
import { summarise } from './postgresWaits';
import { CONCURRENCY } from '../service/serviceLoad';

export interface ReportedPhase {
    /** The JSON key: `bareRoute`, `sqlite1`, `intentsPg3`, ... */
    key: string;
    label: string;
    phase: ClusterPhase;
}

const seconds = (value: number) => Number(value.toFixed(2));

function perSecond(phase: ClusterPhase): number {
    return Math.round(phase.requests / phase.seconds);
}

function rowOf({ label, phase }: ReportedPhase) {
    const nodes = Object.entries(phase.cpu).filter(([name]) => name.startsWith('node') || name === 'bare');
    const nodeCpu = nodes.reduce((sum, [, cpu]) => sum + cpu, 0);
    const totalCpu = Object.values(phase.cpu).reduce((sum, cpu) => sum + cpu, 0);
    return {
        phase: label,
        requests: phase.requests,
        seconds: seconds(phase.seconds),
        perSecond: perSecond(phase),
        p50Ms: Number(phase.p50Ms.toFixed(1)),
        p99Ms: Number(phase.p99Ms.toFixed(1)),
        // CPU seconds in the timed phase: the nodes together (each in parentheses when there are several), then the rest.
        nodesCpu: nodes.length > 1 ? `${seconds(nodeCpu)} (${nodes.map(([, cpu]) => seconds(cpu)).join('+')})` : seconds(nodeCpu),
        postgresCpu: phase.cpu.postgres === undefined ? '-' : seconds(phase.cpu.postgres),
        redisCpu: phase.cpu.redis === undefined ? '-' : seconds(phase.cpu.redis),
        devnetCpu: phase.cpu.devnet === undefined ? '-' : seconds(phase.cpu.devnet),
        loadCpu: seconds(phase.cpu.load),
        // Cores busy on average, of the machine's; and all that CPU per request.
        coresBusy: `${(totalCpu / phase.seconds).toFixed(2)}/${cpus().length}`,
        cpuUsPerRequest: Math.round((totalCpu * 1e6) / phase.requests),
    };
}

export function printReport(phases: ReportedPhase[], loadAverageBefore: number[]): void {
    console.table(phases.map(rowOf));
    // Where PostgreSQL's backends were during each phase on it: the hot spots of a cluster show up here by name.
    const waited = phases.filter((p) => p.phase.postgresWaits);
    console.table(waited.map((p) => ({ phase: p.label, 'PostgreSQL backends on average': summarise(p.phase.postgresWaits!) })));
    const rates = Object.fromEntries(phases.map((p) => [p.key, perSecond(p.phase)]));
    const p99Ms = Object.fromEntries(phases.map((p) => [p.key, Number(p.phase.p99Ms.toFixed(1))]));
    const cpuSeconds = Object.fromEntries(
        phases.map((p) => [p.key, Object.fromEntries(Object.entries(p.phase.cpu).map(([name, cpu]) => [name, seconds(cpu)]))]),
    );
    const postgresWaits = Object.fromEntries(
        waited.map((p) => [p.key, p.phase.postgresWaits!.slice(0, 5).map(([what, n]) => [what, Number(n.toFixed(2))])]),
    );
    const phaseSeconds = Object.fromEntries(phases.map((p) => [p.key, seconds(p.phase.seconds)]));
    const load = (values: number[]) => values.map((v) => Number(v.toFixed(2)));
    console.log(
        JSON.stringify({
            ...rates,
            p99Ms,
            cpuSeconds,
            phaseSeconds,
            postgresWaits,
            cores: cpus().length,
            concurrency: CONCURRENCY,
            loadAverageBefore: load(loadAverageBefore),
            loadAverageAfter: load(loadavg()),
        }),
    );
}
