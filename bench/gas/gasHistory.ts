// bench/gas/gas-history.json: one row per change that moves the escrow's gas or TON costs, oldest first. Each row
// names the commit, its date, why the figures moved, where the figures come from, and the figures themselves
// (the JSON line of `npm run bench:gas`). `npm run bench:gas -- --record "why"` appends a row for HEAD.
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

export const GAS_HISTORY_PATH = join(__dirname, 'gas-history.json');

/** A row appended by `npm run bench:gas -- --record`: the figures were measured on the commit the row names. */
export const MEASURED = 'measured with npm run bench:gas -- --record';

export interface GasHistoryRow {
    /** Short hash of the commit the figures belong to. */
    commit: string;
    /** Commit date, YYYY-MM-DD. */
    date: string;
    why: string;
    /**
     * Where the figures come from: MEASURED, or for the rows written before the history was kept, which commit
     * message or docs/escrow.md version they were recovered from.
     */
    source: string;
    /** Gas per scenario and TON per action, as `npm run bench:gas` prints them; older rows hold only some keys. */
    figures: Record<string, number>;
}

export function readGasHistory(path = GAS_HISTORY_PATH): GasHistoryRow[] {
    const rows: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(rows) || !rows.every(isRow)) throw new Error(`${path}: not a list of gas history rows`);
    return rows;
}

/** Writes the rows one field per line, with each row's figures on one line so a new row is a short diff. */
export function writeGasHistory(rows: GasHistoryRow[], path = GAS_HISTORY_PATH): void {
    const row = (r: GasHistoryRow) =>
        [
            '  {',
            `    "commit": ${JSON.stringify(r.commit)},`,
            `    "date": ${JSON.stringify(r.date)},`,
            `    "why": ${JSON.stringify(r.why)},`,
            `    "source": ${JSON.stringify(r.source)},`,
            `    "figures": ${JSON.stringify(r.figures)}`,
            '  }',
        ].join('\n');
    writeFileSync(path, `[\n${rows.map(row).join(',\n')}\n]\n`);
}

function git(...args: string[]): string {
    return execFileSync('git', args, { cwd: __dirname, encoding: 'utf8' }).trim();
}

/**
 * Appends `figures` as measured on HEAD. Refuses when a tracked file in contracts/ has uncommitted changes, since
 * the row would name a commit that does not hold the code measured, and when HEAD already has a row.
 */
export function recordGasRow(figures: Record<string, number>, why: string): GasHistoryRow {
    if (why.trim() === '') throw new Error('--record needs a reason: npm run bench:gas -- --record "why the gas moved"');
    // Untracked files (a test-only harness contract being written) are not part of the contracts measured.
    if (git('status', '--porcelain', '--untracked-files=no', '--', '../contracts') !== '') {
        throw new Error('contracts/ has uncommitted changes: commit them (and npm run build) first, so the row names the code measured');
    }
    const rows = readGasHistory();
    const commit = git('rev-parse', '--short', 'HEAD');
    if (rows.some((r) => r.commit === commit)) throw new Error(`bench/gas/gas-history.json already has a row for ${commit}`);
    const row: GasHistoryRow = { commit, date: git('log', '-1', '--format=%cs', 'HEAD'), why: why.trim(), source: MEASURED, figures };
    writeGasHistory([...rows, row]);
    return row;
}

function isRow(value: unknown): value is GasHistoryRow {
    if (value === null || typeof value !== 'object') return false;
    const r = value as Record<string, unknown>;
    return (
        typeof r.commit === 'string' &&
        typeof r.date === 'string' &&
        typeof r.why === 'string' &&
        typeof r.source === 'string' &&
        r.figures !== null &&
        typeof r.figures === 'object' &&
        Object.values(r.figures as object).every((v) => typeof v === 'number')
    );
}
