// The devnet program as a child process on a free port, as `npm run devnet` runs it; its errors go to the test's
// stderr, its log nowhere.
import { createServer } from 'net';
import { RunningDevnet, startDevnet } from '../../devnet/devnetProcess';

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address() as { port: number };
            probe.close(() => resolve(port));
        });
    });
}

export async function startDevnetChild(dataDir: string, backendPublicKey: Buffer): Promise<RunningDevnet> {
    return startDevnet({ port: await freePort(), dataDir, backendPublicKey, logLevel: 'warn' }, ['ignore', 'ignore', 'inherit']);
}

/** Kills the devnet at once (SIGKILL): no clean shutdown to save anything. */
export async function killed(devnet: RunningDevnet): Promise<void> {
    if (devnet.child.exitCode !== null || devnet.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => devnet.child.once('exit', () => resolve()));
    devnet.child.kill('SIGKILL');
    await gone;
}
