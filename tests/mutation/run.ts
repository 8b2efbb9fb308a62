// npm run test:mutation -- [options]: breaks each check in contracts/*.tact one at a time, rebuilds, runs the
// contract suites, and lists the mutants no suite noticed. See usage() below; docs/escrow.md has the latest score.

import * as fs from 'fs';
import * as path from 'path';
import { applyMutant, generateAllMutants, Mutant, Source } from './mutants';
import { buildReport, MutantResult, printReport, saveReport, seconds } from './report';
import { contractSuites } from './suites';
import { killAll, Workspace } from './workspace';

interface Options {
    list: boolean;
    only: string[];
    ids: string[];
    sample?: number;
    seed: number;
    jobs: number;
    suites?: string[];
    timeoutSec?: number;
    fcSeed: string;
    root: string;
}

function usage(): string {
    return `Usage: npm run test:mutation -- [options]

  --list              print the mutants (id, category, function, original -> mutant) and stop
  --only FILE         only mutants of this contract file (repeatable, or comma-separated)
  --ids ID,ID         only these mutants (ids as --list and the report print them)
  --sample N          a random sample of N mutants (after --only / --ids)
  --seed S            seed for --sample (default: the current time, printed)
  --jobs N            mutants tested in parallel, each in its own copy of the repository (default 1)
  --suites a,b        test these suites instead of the contract suites (tests/mutation/suites.ts)
  --timeout SEC       per-mutant limit for build and tests (default: twice the unmutated run, plus a minute)
  --fc-seed S         FC_SEED for fast-check suites, so every mutant meets the same cases (default: $FC_SEED or 1)
  --root DIR          the repository to copy and mutate (default: this one)

Before any mutant, the unmutated contracts are built and the suites run once; if that fails, nothing else runs.
Exit status: 0 when every mutant that compiled was killed, 1 when any survived or timed out, 2 when the baseline
fails or the options are wrong.`;
}

function parseArgs(argv: string[]): Options {
    const opts: Options = {
        list: false,
        only: [],
        ids: [],
        seed: Date.now() % 2 ** 31,
        jobs: 1,
        fcSeed: process.env.FC_SEED ?? '1',
        root: path.resolve(__dirname, '..', '..'),
    };
    const value = (i: number) => {
        if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
        return argv[i + 1];
    };
    const positive = (i: number) => {
        const n = Number(value(i));
        if (!Number.isInteger(n) || n < 1) throw new Error(`${argv[i]} needs a positive integer, not ${argv[i + 1]}`);
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--help' || arg === '-h') {
            console.log(usage());
            process.exit(0);
        } else if (arg === '--list') opts.list = true;
        else if (arg === '--only') opts.only.push(...value(i++).split(','));
        else if (arg === '--ids') opts.ids.push(...value(i++).split(','));
        else if (arg === '--sample') opts.sample = positive(i++);
        else if (arg === '--seed') opts.seed = positive(i++);
        else if (arg === '--jobs') opts.jobs = positive(i++);
        else if (arg === '--suites') opts.suites = value(i++).split(',');
        else if (arg === '--timeout') opts.timeoutSec = positive(i++);
        else if (arg === '--fc-seed') opts.fcSeed = value(i++);
        else if (arg === '--root') opts.root = path.resolve(value(i++));
        else throw new Error(`unknown option ${arg}`);
    }
    return opts;
}

/** contracts/**\/*.tact, except test-only contracts under contracts/test/. */
function contractSources(root: string): Source[] {
    const dir = path.join(root, 'contracts');
    return (fs.readdirSync(dir, { recursive: true }) as string[])
        .map((f) => path.posix.join('contracts', f.split(path.sep).join('/')))
        .filter((f) => f.endsWith('.tact') && !f.startsWith('contracts/test/'))
        .sort()
        .map((file) => ({ file, text: fs.readFileSync(path.join(root, file), 'utf8') }));
}

/** A deterministic shuffle (mulberry32), so `--sample N --seed S` picks the same mutants every time. */
function sample<T>(items: T[], n: number, seed: number): T[] {
    let state = seed >>> 0;
    const random = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
}

function select(all: Mutant[], opts: Options, root: string): Mutant[] {
    let chosen = all;
    if (opts.only.length > 0) {
        const files = opts.only.map((f) => path.relative(root, path.resolve(root, f)).split(path.sep).join('/'));
        const unknown = files.filter((f) => !all.some((m) => m.file === f));
        if (unknown.length > 0) throw new Error(`no mutants in ${unknown.join(', ')} (is it a contract file with checks?)`);
        chosen = chosen.filter((m) => files.includes(m.file));
    }
    if (opts.ids.length > 0) {
        const unknown = opts.ids.filter((id) => !all.some((m) => m.id === id));
        if (unknown.length > 0) throw new Error(`unknown mutant ids: ${unknown.join(', ')}`);
        chosen = chosen.filter((m) => opts.ids.includes(m.id));
    }
    if (opts.sample !== undefined) {
        const picked = new Set(sample(chosen, opts.sample, opts.seed));
        chosen = chosen.filter((m) => picked.has(m));
    }
    return chosen;
}

function printList(mutants: Mutant[]): void {
    for (const m of mutants) {
        console.log(`${m.id}  [${m.category}] ${m.fn}`);
        console.log(`      ${m.original}`);
        console.log(`   -> ${m.mutated}`);
    }
    const counts: Record<string, number> = {};
    for (const m of mutants) counts[`${m.file} ${m.category}`] = (counts[`${m.file} ${m.category}`] ?? 0) + 1;
    console.log('');
    for (const [k, n] of Object.entries(counts)) console.log(`  ${String(n).padStart(4)}  ${k}`);
    console.log(`  ${String(mutants.length).padStart(4)}  mutants`);
}

/** The end of a log, without stack frames: what the compiler or jest said went wrong. */
function tail(log: string, lines = 30): string {
    return log
        .trimEnd()
        .split('\n')
        .filter((l) => !/^\s+at /.test(l))
        .slice(-lines)
        .join('\n');
}

async function main(): Promise<number> {
    const startedAt = new Date();
    let opts: Options;
    try {
        opts = parseArgs(process.argv.slice(2));
    } catch (e) {
        console.error(`${(e as Error).message}\n\n${usage()}`);
        return 2;
    }
    const root = opts.root;

    if (opts.list) {
        const mutants = select(generateAllMutants(contractSources(root)), opts, root);
        printList(mutants);
        return 0;
    }

    const suites = opts.suites ?? contractSuites(root);
    const missing = suites.filter((s) => !fs.existsSync(path.join(root, s)));
    if (missing.length > 0) {
        console.error(`No such suite: ${missing.join(', ')}`);
        return 2;
    }

    // Copy first, then read the sources from the copy: the mutants match exactly what is built, even while
    // someone edits the working tree.
    const workspaces = Array.from({ length: opts.jobs }, (_, i) => Workspace.create(root, i));
    const sources = contractSources(workspaces[0].dir);
    const mutants = select(generateAllMutants(sources), opts, root);
    const sourceText = new Map(sources.map((s) => [s.file, s.text]));
    const sampled = opts.sample !== undefined ? ` (sample, --seed ${opts.seed})` : '';
    console.log(`Mutants: ${mutants.length}${sampled}; working copies: ${workspaces.map((w) => w.dir).join(', ')}`);

    // Baseline: the unmutated contracts must build and pass, or no kill means anything.
    const baselineWs = workspaces[0];
    console.log('Baseline: building the unmutated contracts…');
    const build = await baselineWs.build(30 * 60_000);
    if (!build.ok) {
        console.error(`\nBASELINE BUILD FAILED (${seconds(build.ms)}): the contracts as they are do not compile.`);
        console.error('No mutant can be judged against them; nothing was mutated.\n');
        console.error(tail(build.log));
        return 2;
    }
    console.log(`Baseline: built in ${seconds(build.ms)}; running ${suites.length} suites unmutated…`);
    const base = await baselineWs.runSuites(suites, 120 * 60_000, opts.fcSeed);
    if (!base.ok) {
        const what = base.timedOut ? 'time out' : `fail: ${base.failedSuite ?? 'jest'}${base.failedTest ? ` › ${base.failedTest}` : ''}`;
        console.error(`\nBASELINE TESTS FAILED (${seconds(base.ms)}): the suites ${what} on the unmutated contracts.`);
        console.error('Fix that first; nothing was mutated.\n');
        console.error(tail(base.log));
        return 2;
    }
    const ordered = [...suites].sort((a, b) => (base.suiteMs[a] ?? Infinity) - (base.suiteMs[b] ?? Infinity));
    const timeoutMs = opts.timeoutSec !== undefined ? opts.timeoutSec * 1000 : 2 * (build.ms + base.ms) + 60_000;
    const perSuite = ordered.map((s) => `${path.basename(s)} ${seconds(base.suiteMs[s] ?? 0)}`).join(', ');
    console.log(`Baseline: suites pass in ${seconds(base.ms)}: ${perSuite}`);
    console.log(`Per-mutant timeout ${seconds(timeoutMs)}; suites run fastest first and stop at the first failure.\n`);

    const results: MutantResult[] = [];
    const report = () =>
        buildReport(results, startedAt, { ...opts, root }, ordered, { buildMs: build.ms, suiteMs: base.suiteMs });
    process.on('SIGINT', () => {
        killAll();
        console.log('\nInterrupted: the report below covers the mutants finished so far.');
        const partial = report();
        printReport(partial, results);
        console.log(`Report: ${saveReport(root, partial)}`);
        process.exit(130);
    });

    let next = 0;
    const width = String(mutants.length).length;
    const worker = async (ws: Workspace) => {
        while (next < mutants.length) {
            const m = mutants[next++];
            const original = ws.read(m.file);
            if (original !== sourceText.get(m.file)) throw new Error(`${m.file} in ${ws.dir} is not the text the mutants were made from`);
            ws.write(m.file, applyMutant(original, m));
            let result: MutantResult;
            try {
                const b = await ws.build(timeoutMs);
                if (!b.ok) {
                    result = { mutant: m, outcome: b.timedOut ? 'timeout' : 'stillborn', buildMs: b.ms, testMs: 0 };
                } else {
                    const t = await ws.runSuites(ordered, Math.max(1000, timeoutMs - b.ms), opts.fcSeed);
                    const outcome = t.timedOut ? 'timeout' : t.ok ? 'survived' : 'killed';
                    const by = `${t.failedSuite ?? 'jest'}${t.failedTest ? ` › ${t.failedTest}` : ''}`;
                    const killedBy = outcome === 'killed' ? by : undefined;
                    result = { mutant: m, outcome, killedBy, buildMs: b.ms, testMs: t.ms };
                }
            } finally {
                ws.write(m.file, original);
            }
            results.push(result);
            const n = String(results.length).padStart(width);
            const time = `${seconds(result.buildMs + result.testMs).padStart(7)} (build ${seconds(result.buildMs)}, tests ${seconds(result.testMs)})`;
            const by = result.killedBy ? `  by ${result.killedBy}` : '';
            console.log(`[${n}/${mutants.length}] ${result.outcome.padEnd(9)} ${time}  ${m.id}  [${m.category}]${by}`);
        }
    };
    await Promise.all(workspaces.map(worker));

    const final = report();
    printReport(final, results);
    console.log(`Report: ${saveReport(root, final)}`);
    return final.counts.survived + final.counts.timeout > 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e) => {
        killAll();
        console.error(e);
        process.exit(2);
    },
);
