// Optional CPU profiles of the server's process, one per measured phase: with BENCH_PROFILE_DIR set, each phase
// writes `<phase>.cpuprofile` there (open it in Chrome DevTools or speedscope) and prints where its time went.
// Line numbers are those of the JavaScript ts-node compiled, which can differ from the TypeScript's; names are exact.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
}

interface Profile {
    nodes: ProfileNode[];
}

const TOP = 15;
const ROOT = join(__dirname, '..', '..');

export class PhaseProfiler {
    private constructor(
        private readonly session: Session | null,
        private readonly dir: string,
    ) {}

    /** A profiler that profiles nothing. */
    static off(): PhaseProfiler {
        return new PhaseProfiler(null, '');
    }

    /** On when BENCH_PROFILE_DIR names a directory (created if needed) for the profiles. */
    static async fromEnv(env: Record<string, string | undefined>): Promise<PhaseProfiler> {
        const dir = env.BENCH_PROFILE_DIR;
        if (!dir) return PhaseProfiler.off();
        mkdirSync(dir, { recursive: true });
        const session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        return new PhaseProfiler(session, dir);
    }

    /** Runs `work`, profiling this process meanwhile when profiling is on. */
    async around<T>(phase: string, work: () => Promise<T>): Promise<T> {
        if (!this.session) return work();
        await this.session.post('Profiler.start');
        try {
            return await work();
        } finally {
            const { profile } = (await this.session.post('Profiler.stop')) as unknown as { profile: Profile };
            const file = join(this.dir, `${phase.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
            writeFileSync(file, JSON.stringify(profile));
            console.error(`\n${phase}: ${file}\n${summary(profile)}`);
        }
    }

    close(): void {
        this.session?.disconnect();
    }
}

/** The functions with the most samples, by self time and by total time (self plus callees), in percent. */
function summary(profile: Profile): string {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let all = 0;
    // Total time counts each function once per stack, so recursion does not count it twice.
    const walk = (node: ProfileNode, onStack: Set<string>): number => {
        const name = nameOf(node);
        const hits = node.hitCount ?? 0;
        all += hits;
        self.set(name, (self.get(name) ?? 0) + hits);
        const inner = new Set(onStack).add(name);
        let sum = hits;
        for (const child of node.children ?? []) sum += walk(byId.get(child)!, inner);
        if (!onStack.has(name)) total.set(name, (total.get(name) ?? 0) + sum);
        return sum;
    };
    walk(profile.nodes[0], new Set());
    const top = (m: Map<string, number>) =>
        [...m]
            .filter(([name]) => !name.startsWith('(root)'))
            .sort((a, b) => b[1] - a[1])
            .slice(0, TOP)
            .map(([name, hits]) => `  ${((100 * hits) / all).toFixed(1).padStart(5)}%  ${name}`)
            .join('\n');
    return `self time:\n${top(self)}\ntotal time:\n${top(total)}`;
}

function nameOf(node: ProfileNode): string {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.startsWith('file://') ? relative(ROOT, url.slice('file://'.length)) : url;
    return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
}
