// What a mutation run prints and saves: the survivors, a score per category, one JSON line for machines, and the
// full report under mutation-report/ (git-ignored).

import * as fs from 'fs';
import * as path from 'path';
import { CATEGORIES } from './categories';
import type { Mutant } from './mutants';

export type Outcome = 'killed' | 'survived' | 'stillborn' | 'timeout';

export interface MutantResult {
    mutant: Mutant;
    outcome: Outcome;
    /** The suite and test that noticed the mutant, when killed. */
    killedBy?: string;
    buildMs: number;
    testMs: number;
}

export interface RunReport {
    startedAt: string;
    seconds: number;
    options: Record<string, unknown>;
    suites: string[];
    baseline: { buildMs: number; suiteMs: Record<string, number> };
    counts: Record<Outcome | 'total', number>;
    byCategory: Record<string, Record<Outcome | 'total', number>>;
    survivors: string[];
    timeouts: string[];
    results: (Omit<MutantResult, 'mutant'> & Omit<Mutant, 'start' | 'end' | 'replacement'>)[];
}

const OUTCOMES: Outcome[] = ['killed', 'survived', 'stillborn', 'timeout'];

function tally(results: MutantResult[]): Record<Outcome | 'total', number> {
    const counts = { total: results.length, killed: 0, survived: 0, stillborn: 0, timeout: 0 };
    for (const r of results) counts[r.outcome]++;
    return counts;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** killed / (total - stillborn), as a percentage; timeouts are in the denominator but not counted as kills. */
function score(c: Record<Outcome | 'total', number>): string {
    const live = c.total - c.stillborn;
    return live === 0 ? 'n/a' : `${c.killed}/${live} = ${((100 * c.killed) / live).toFixed(1)}%`;
}

export function buildReport(
    results: MutantResult[],
    startedAt: Date,
    options: Record<string, unknown>,
    suites: string[],
    baseline: RunReport['baseline'],
): RunReport {
    const byCategory: RunReport['byCategory'] = {};
    for (const c of CATEGORIES) {
        const inCategory = results.filter((r) => r.mutant.category === c);
        if (inCategory.length > 0) byCategory[c] = tally(inCategory);
    }
    return {
        startedAt: startedAt.toISOString(),
        seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        options,
        suites,
        baseline,
        counts: tally(results),
        byCategory,
        survivors: results.filter((r) => r.outcome === 'survived').map((r) => r.mutant.id),
        timeouts: results.filter((r) => r.outcome === 'timeout').map((r) => r.mutant.id),
        results: results.map(({ mutant: { start: _s, end: _e, replacement: _r, ...m }, ...r }) => ({ ...m, ...r })),
    };
}

/** The survivors' table and the scores, for people; then one JSON line, for scripts. */
export function printReport(report: RunReport, results: MutantResult[]): void {
    const survivors = results.filter((r) => r.outcome === 'survived' || r.outcome === 'timeout');
    console.log('');
    if (survivors.length === 0) {
        console.log('No survivors.');
    } else {
        console.log(`Survivors (${report.counts.survived}) and timeouts (${report.counts.timeout}):`);
        for (const r of survivors) {
            const m = r.mutant;
            console.log(`  ${r.outcome === 'timeout' ? 'TIMEOUT ' : ''}${m.file}:${m.line}  [${m.category}] ${m.fn}  (${m.id})`);
            console.log(`      ${m.original}`);
            console.log(`   -> ${m.mutated}`);
        }
    }
    console.log('');
    console.log('Score (killed / mutants that compiled; timeouts count as not killed):');
    const rows: [string, Record<Outcome | 'total', number>][] = [...Object.entries(report.byCategory), ['all', report.counts]];
    for (const [name, c] of rows) {
        const detail = OUTCOMES.map((o) => `${o} ${c[o]}`).join(', ');
        console.log(`  ${name.padEnd(7)} ${score(c).padEnd(18)} (${c.total} mutants: ${detail})`);
    }
    const { counts, byCategory, survivors: ids, timeouts } = report;
    console.log(JSON.stringify({ mutation: { ...counts, byCategory, survivors: ids, timeouts } }));
}

/** Writes the report to mutation-report/<time>.json and mutation-report/latest.json under `root`; returns the first. */
export function saveReport(root: string, report: RunReport): string {
    const dir = path.join(root, 'mutation-report');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
    const text = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, 'latest.json'), text);
    return file;
}
