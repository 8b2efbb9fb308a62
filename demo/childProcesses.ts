// Every process the demo starts, so that an error, an interrupt or a normal end stops them all.
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');

const running = new Set<ChildProcess>();

/** Runs a TypeScript entry point of this repository under ts-node, as `npm` scripts do. */
export function spawnTypeScript(entry: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
}

/** Asks a child to stop (SIGTERM: the service and the worker shut down cleanly), and kills it if it lingers. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
        const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
            clearTimeout(killer);
            done();
        });
        child.kill('SIGTERM');
    });
}

export async function stopAllChildren(): Promise<void> {
    await Promise.all([...running].map((child) => stopChild(child)));
}

/** Last resort at process exit: no time for grace, but no orphan either. */
export function killAllChildrenNow(): void {
    for (const child of running) child.kill('SIGKILL');
}
