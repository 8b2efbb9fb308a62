// The load generator, run as a child process of a bench (bench/service/service.ts) so the server's process keeps a
// core to itself: takes a LoadPhase over IPC, sends its requests over keep-alive HTTP connections, and answers with a
// LoadReport.
// The bench starts it with `go` once its requests are built, so building them is outside every measurement.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { FromLoadClient, LoadPhase, LoadReport, ToLoadClient } from './loadPhase';

// One agent for the whole run: connections opened in the warm-up are reused by the measured phases.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

const MAX_FAILURES_KEPT = 3;

interface PreparedRequest {
    host: string;
    port: number;
    method: string;
    path: string;
    headers: Record<string, string | number>;
    body?: Buffer;
}

// Headers and bodies are built before the clock starts, so the client spends its time on the wire.
function prepare(phase: LoadPhase): PreparedRequest[] {
    const targets = phase.urls.map((url) => new URL(url));
    if (targets.length === 0) throw new Error('a load phase needs at least one url');
    return phase.requests.map((r, i) => {
        const { hostname, port } = targets[i % targets.length];
        const headers: Record<string, string | number> = {};
        if (r.token !== undefined) headers.authorization = `Bearer ${phase.tokens[r.token]}`;
        const body = r.body === undefined ? undefined : Buffer.from(r.body);
        if (body) {
            headers['content-type'] = 'application/json';
            headers['content-length'] = body.length;
        }
        return { host: hostname, port: Number(port), method: r.method, path: r.path, headers, body };
    });
}

function send(r: PreparedRequest): Promise<{ status: number; text?: string }> {
    return new Promise((resolve, reject) => {
        const req = request({ agent, host: r.host, port: r.port, method: r.method, path: r.path, headers: r.headers }, (res) => {
            const status = res.statusCode ?? 0;
            if (status === 200) {
                res.resume();
                res.on('end', () => resolve({ status }));
                return;
            }
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end(r.body);
    });
}

function percentile(sorted: Float64Array, p: number): number {
    if (sorted.length === 0) return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function run(phase: LoadPhase, prepared: PreparedRequest[]): Promise<LoadReport> {
    const latencies = new Float64Array(prepared.length);
    const statuses: Record<string, number> = {};
    const failures: string[] = [];
    const start = performance.now();
    const deadline = start + phase.maxSeconds * 1000;
    let next = 0;

    function take(): number | null {
        if (next >= prepared.length) return null;
        if (next % phase.groupSize === 0 && performance.now() >= deadline) return null;
        return next++;
    }

    async function lane(): Promise<void> {
        for (let i = take(); i !== null; i = take()) {
            const sentAt = performance.now();
            const { status, text } = await send(prepared[i]);
            latencies[i] = performance.now() - sentAt;
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (text !== undefined && failures.length < MAX_FAILURES_KEPT) failures.push(`${status} ${prepared[i].path}: ${text}`);
        }
    }

    await Promise.all(Array.from({ length: phase.concurrency }, lane));
    const seconds = (performance.now() - start) / 1000;
    const answered = latencies.subarray(0, next).sort();
    return { requests: next, seconds, statuses, failures, p50Ms: percentile(answered, 0.5), p99Ms: percentile(answered, 0.99) };
}

const answer = (message: FromLoadClient) => process.send!(message);
let ready: { phase: LoadPhase; prepared: PreparedRequest[] } | null = null;

process.on('message', (message: ToLoadClient) => {
    if (message.kind === 'prepare') {
        ready = { phase: message.phase, prepared: prepare(message.phase) };
        answer({ kind: 'ready' });
        return;
    }
    if (!ready) return answer({ kind: 'error', error: 'go before prepare' });
    const { phase, prepared } = ready;
    ready = null;
    run(phase, prepared).then(
        (report) => answer({ kind: 'report', report }),
        (err: Error) => answer({ kind: 'error', error: err.stack ?? String(err) }),
    );
});
process.on('disconnect', () => {
    agent.destroy();
    process.exit(0);
});
