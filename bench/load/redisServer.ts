// A bench's own redis-server: a child process on a free port of 127.0.0.1, nothing persisted, stopped
// (and waited for) at the end of the run whatever happened in between.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';

const READY_WITHIN_MS = 10_000;
const STOP_WITHIN_MS = 5_000;

export interface BenchRedis {
    host: string;
    port: number;
    url: string;
    stop(): Promise<void>;
}

export async function startBenchRedis(): Promise<BenchRedis> {
    const host = '127.0.0.1';
    const port = await freePort(host);
    // noeviction: a queue must never lose entries to memory pressure (BullMQ warns at start-up otherwise).
    const args = ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
    const child = spawn('redis-server', args, { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));

    const stop = async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
        await exited;
        clearTimeout(killer);
    };
    try {
        await Promise.race([waitForPong(host, port), spawnFailed]);
    } catch (err) {
        await stop();
        throw new Error(`redis-server did not start on ${host}:${port} (${(err as Error).message}); its output:\n${output}`);
    }
    return { host, port, url: `redis://${host}:${port}`, stop };
}

/** A port the OS reports free right now; redis-server takes it a moment later. */
async function freePort(host: string): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
}

async function waitForPong(host: string, port: number): Promise<void> {
    const deadline = Date.now() + READY_WITHIN_MS;
    for (;;) {
        const probe = new Redis({ host, port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
        probe.on('error', () => undefined);
        try {
            await probe.connect();
            if ((await probe.ping()) === 'PONG') return;
        } catch (err) {
            if (Date.now() > deadline) throw err;
        } finally {
            probe.disconnect();
        }
        await sleep(50);
    }
}
