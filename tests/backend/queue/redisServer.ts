// A real redis-server for the queue suites: its own process on a free port, nothing written to disk, stopped when
// the suite ends. The queue's guarantees rest on Redis semantics, so a fake would prove nothing.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RedisServer {
    url: string;
    stop(): Promise<void>;
}

/** `port`: a given one, e.g. to start Redis again where a stopped one was; a free one otherwise. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
    if (spawnSync('redis-server', ['--version']).error) {
        throw new Error(
            'redis-server is not installed (not found on PATH). The queue tests run against a real Redis 7: ' +
                '.ci/run installs it; locally, install it the same way (apt-get install redis-server).',
        );
    }
    port ??= await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        cwd: tmpdir(),
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await answersPing(port))) {
        if (child.exitCode !== null || Date.now() > deadline) {
            await stopProcess(child, exited);
            throw new Error(`redis-server did not answer PING on port ${port}; its output:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { url: `redis://127.0.0.1:${port}`, stop: () => stopProcess(child, exited) };
}

/** A port nothing listens on right now (the OS picks it); redis-server takes it a moment later. */
export async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
}

function answersPing(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = createConnection({ port, host: '127.0.0.1' });
        let reply = '';
        const done = (ok: boolean) => {
            socket.destroy();
            resolve(ok);
        };
        socket.setTimeout(1_000, () => done(false));
        socket.once('error', () => done(false));
        socket.once('connect', () => socket.write('PING\r\n'));
        socket.on('data', (chunk) => {
            reply += chunk.toString();
            if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
        });
    });
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
}
