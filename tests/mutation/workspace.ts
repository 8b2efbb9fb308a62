// A scratch copy of the repository where mutants are applied, built and tested, so the working tree is never
// touched. Made once per run (per job), reused for every mutant; node_modules is a symlink.

import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Top-level entries not copied: dependencies (symlinked instead), history, and outputs the run rebuilds. */
const NOT_COPIED = new Set(['node_modules', '.git', 'build', 'dist', 'coverage', 'temp', '.trace', 'mutation-report']);

export interface StepResult {
    ok: boolean;
    timedOut: boolean;
    ms: number;
    log: string;
}

export interface SuiteRun extends StepResult {
    /** The first suite that failed and its first failing test, when the run failed. */
    failedSuite?: string;
    failedTest?: string;
    /** Wall time of each suite that ran, in ms, by path relative to the workspace. */
    suiteMs: Record<string, number>;
}

const running = new Set<ChildProcess>();

/** Kills every build or test process still running (their whole process groups). */
export function killAll(): void {
    for (const child of running) {
        try {
            process.kill(-child.pid!, 'SIGKILL');
        } catch {
            // already gone
        }
    }
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, logFile: string): Promise<StepResult> {
    const started = Date.now();
    return new Promise((resolve) => {
        const out = fs.openSync(logFile, 'w');
        const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', out, out] });
        running.add(child);
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            try {
                process.kill(-child.pid!, 'SIGKILL');
            } catch {
                // already gone
            }
        }, timeoutMs);
        child.on('close', (code) => {
            clearTimeout(timer);
            running.delete(child);
            fs.closeSync(out);
            resolve({ ok: code === 0 && !timedOut, timedOut, ms: Date.now() - started, log: fs.readFileSync(logFile, 'utf8') });
        });
    });
}

export class Workspace {
    private constructor(
        readonly root: string,
        readonly dir: string,
    ) {}

    /** A fresh copy of `root` in the system temp dir; the same path every run, so jest's caches stay warm. */
    static create(root: string, index: number): Workspace {
        const dir = path.join(os.tmpdir(), 'gstd-mutation', `${path.basename(root)}-${index}`);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        for (const entry of fs.readdirSync(root)) {
            if (NOT_COPIED.has(entry)) continue;
            fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
        }
        fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
        fs.mkdirSync(path.join(dir, '.mutation'));
        return new Workspace(root, dir);
    }

    read(file: string): string {
        return fs.readFileSync(path.join(this.dir, file), 'utf8');
    }

    write(file: string, text: string): void {
        fs.writeFileSync(path.join(this.dir, file), text);
    }

    /** `tact --config tact.config.json`, as `npm run build` does. */
    build(timeoutMs: number): Promise<StepResult> {
        const tact = path.join(this.dir, 'node_modules', '.bin', 'tact');
        return run(tact, ['--config', 'tact.config.json'], this.dir, process.env, timeoutMs, path.join(this.dir, '.mutation', 'build.log'));
    }

    /**
     * The suites in one jest process, in the given order, stopping at the first failing suite. Tests are compiled
     * without type checking (a mutant changes no types), and MUTATION=1 tells a suite it runs under mutation.
     */
    async runSuites(suites: string[], timeoutMs: number, fcSeed: string): Promise<SuiteRun> {
        const config = loadJestConfig(this.dir);
        const report = path.join(this.dir, '.mutation', 'jest.json');
        fs.rmSync(report, { force: true });
        const args = [
            path.join(this.dir, 'node_modules', 'jest', 'bin', 'jest.js'),
            '--config',
            JSON.stringify(config),
            '--runInBand',
            '--bail',
            '--ci',
            '--json',
            '--outputFile',
            report,
            '--runTestsByPath',
            ...suites,
        ];
        // The property suite runs fewer random lives (PROPERTY_RUNS) under mutation: a surviving mutant costs a full pass.
        const env = { PROPERTY_RUNS: '40', ...process.env, MUTATION: '1', MUTATION_SUITE_ORDER: suites.join(','), FC_SEED: fcSeed };
        const result = await run(process.execPath, args, this.dir, env, timeoutMs, path.join(this.dir, '.mutation', 'jest.log'));
        const suiteMs: Record<string, number> = {};
        let failedSuite: string | undefined;
        let failedTest: string | undefined;
        if (fs.existsSync(report)) {
            const json = JSON.parse(fs.readFileSync(report, 'utf8')) as JestReport;
            for (const t of [...json.testResults].sort((a, b) => a.startTime - b.startTime)) {
                const rel = path.relative(this.dir, t.name);
                suiteMs[rel] = t.endTime - t.startTime;
                if (t.status === 'failed' && failedSuite === undefined) {
                    failedSuite = rel;
                    failedTest = t.assertionResults.find((a) => a.status === 'failed')?.fullName ?? firstLine(t.message);
                }
            }
        }
        if (!result.ok && failedSuite === undefined) {
            // --bail ends jest before it writes the JSON report: read the first failure from its output instead.
            const fail = /^FAIL (\S+)/m.exec(result.log);
            if (fail) {
                failedSuite = fail[1];
                failedTest = /^\s*● (.+)$/m.exec(result.log.slice(fail.index))?.[1];
            }
        }
        return { ...result, failedSuite, failedTest, suiteMs };
    }
}

interface JestReport {
    testResults: {
        name: string;
        status: string;
        startTime: number;
        endTime: number;
        message: string;
        assertionResults: { status: string; fullName: string }[];
    }[];
}

function firstLine(text: string): string | undefined {
    return text.split('\n').find((l) => l.trim() !== '')?.trim();
}

/** The repository's own jest config, rooted in the workspace, with the fastest-first sequencer and no type check. */
function loadJestConfig(dir: string): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(dir, 'jest.config.ts')) as { default?: Record<string, unknown> };
    const base = loaded.default ?? (loaded as Record<string, unknown>);
    const tsconfig = path.join(dir, 'tsconfig.json');
    const compilerOptions = fs.existsSync(tsconfig)
        ? (JSON.parse(fs.readFileSync(tsconfig, 'utf8')) as { compilerOptions?: object }).compilerOptions
        : {};
    return {
        ...base,
        rootDir: dir,
        testSequencer: path.join(__dirname, 'sequencer.js'),
        transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { ...compilerOptions, isolatedModules: true } }] },
    };
}
