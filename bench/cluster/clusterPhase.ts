// One measured phase of bench:cluster: the load client sends the requests while this process reads, before and
// after, the CPU every other process of the run has used (each node, PostgreSQL, Redis, the devnet, the load
// client), and, on PostgreSQL, samples what its backends were doing. Any answer but 200 fails the bench.
import { LoadGenerator } from '../load/loadGenerator';
import { LoadPhase, LoadReport } from '../load/loadPhase';
import { failUnlessAllOk } from '../load/measurePhase';
import { PostgresWaits, WaitProfile } from './postgresWaits';
import { treeCpuSeconds } from './processCpu';

/** A process tree whose CPU a phase reports, by name (`node0`, `postgres`, `load`, ...). */
export interface CpuSource {
    name: string;
    pid: number;
}

export interface ClusterPhase extends LoadReport {
    /** CPU seconds each source used while the phase ran, by name. */
    cpu: Record<string, number>;
    /** On PostgreSQL: its backends, on average, by what they were doing. */
    postgresWaits?: WaitProfile;
}

export async function measureClusterPhase(
    load: LoadGenerator,
    name: string,
    phase: LoadPhase,
    sources: CpuSource[],
    waits?: PostgresWaits,
): Promise<ClusterPhase> {
    await load.prepare(phase);
    const pids = sources.map((s) => s.pid);
    const before = treeCpuSeconds(pids);
    waits?.start();
    const report = await load.go();
    const postgresWaits = waits?.stop();
    const after = treeCpuSeconds(pids);
    failUnlessAllOk(name, report);
    const cpu = Object.fromEntries(sources.map((s, i) => [s.name, after[i] - before[i]]));
    return { ...report, cpu, postgresWaits };
}
