// One measured phase: the child sends the requests while this process, the server's, counts the CPU it spends
// and, when asked to, profiles itself. Any answer but 200 fails the bench, with the first few answers as the reason.
import { PhaseProfiler } from './cpuProfile';
import { LoadGenerator } from './loadGenerator';
import { LoadPhase, LoadReport } from './loadPhase';

export interface MeasuredPhase extends LoadReport {
    /** CPU time (user and system) the server's process spent while the phase ran. */
    serverCpuSeconds: number;
}

export async function measurePhase(load: LoadGenerator, profiler: PhaseProfiler, name: string, phase: LoadPhase): Promise<MeasuredPhase> {
    await load.prepare(phase);
    const before = process.cpuUsage();
    const report = await profiler.around(name, () => load.go());
    const used = process.cpuUsage(before);
    failUnlessAllOk(name, report);
    return { ...report, serverCpuSeconds: (used.user + used.system) / 1e6 };
}

/** Throws, with the first few answers as the reason, unless every request of the phase was answered 200. */
export function failUnlessAllOk(name: string, report: LoadReport): void {
    const notOk = Object.entries(report.statuses).filter(([status]) => status !== '200');
    if (notOk.length > 0) {
        throw new Error(`${name}: answers other than 200: ${JSON.stringify(Object.fromEntries(notOk))}\n${report.failures.join('\n')}`);
    }
}
