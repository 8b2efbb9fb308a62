// CPU seconds of whole process trees, from /proc, so a bench can say where the cores went: a node, PostgreSQL (the
// postmaster and every backend it forked), the devnet, the load client. Linux only, as the cluster bench is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// /proc/<pid>/stat counts in clock ticks, 100 a second on every Linux build this runs on (USER_HZ).
const TICKS_PER_SECOND = 100;

interface ProcStat {
    ppid: number;
    /** utime + stime + cutime + cstime: the process itself and its children it has already reaped. */
    ticks: number;
}

function statOf(pid: number): ProcStat | undefined {
    let text: string;
    try {
        text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
        return undefined; // gone since the directory was listed
    }
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime };
}

function allStats(): Map<number, ProcStat> {
    const stats = new Map<number, ProcStat>();
    for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        const stat = statOf(Number(name));
        if (stat) stats.set(Number(name), stat);
    }
    return stats;
}

/**
 * User + system CPU seconds of each root's tree: the root, its descendants alive now, and those already reaped (a
 * parent's cutime/cstime hold them once waited for). So a PostgreSQL backend that exits between two readings still
 * counts. A root that is not running counts 0.
 */
export function treeCpuSeconds(roots: readonly number[]): number[] {
    const stats = allStats();
    const children = new Map<number, number[]>();
    for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    const sumOf = (pid: number): number =>
        (stats.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + sumOf(child), 0);
    return roots.map((root) => sumOf(root) / TICKS_PER_SECOND);
}

/** The postmaster's pid, from the first line of postmaster.pid in the cluster's data directory. */
export function postmasterPid(dataDir: string): number {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}/postmaster.pid`);
    return pid;
}
