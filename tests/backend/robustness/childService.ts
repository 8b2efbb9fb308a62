// Runs durableService.ts in a child process and waits until it listens; the SIGKILL test's handle on it.
import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';
import { Seeded } from './durabilityPlan';

const ENTRY = join(__dirname, 'durableService.ts');
const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface ChildService {
    process: ChildProcess;
    port: number;
    /** What the child set up, when it was started with seeding. */
    seeded?: Seeded;
    /** Resolves when the process is gone, however it ended. */
    exited: Promise<void>;
}

export async function startChildService(dataDir: string, options: { seed: boolean; timeoutMs: number }): Promise<ChildService> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ENTRY], {
        cwd: REPO_ROOT,
        env: { ...process.env, GSTD_DATA_DIR: dataDir, PORT: '0', SEED: options.seed ? '1' : '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    let seeded: Seeded | undefined;
    const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the child did not listen within ${options.timeoutMs} ms; stderr:\n${stderr}`));
        }, options.timeoutMs);
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`the child exited (${code ?? signal}) before listening; stderr:\n${stderr}`));
        });
        createInterface({ input: child.stdout! }).on('line', (line) => {
            if (line.startsWith('SEEDED ')) seeded = JSON.parse(line.slice('SEEDED '.length)) as Seeded;
            const listening = /^LISTENING (\d+)$/.exec(line);
            if (listening) {
                clearTimeout(timer);
                resolve(Number(listening[1]));
            }
        });
    });
    return { process: child, port, seeded, exited };
}

/** SIGKILL, and wait until the process is really gone; a no-op for one already gone. */
export async function killChild(child: ChildService): Promise<void> {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await child.exited;
}
