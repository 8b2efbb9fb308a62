// Several service nodes as one service: N processes of backend/src/server.ts on one PostgreSQL (DATABASE_URL), one
// Redis (REDIS_URL) and one devnet process (CHAIN=toncenter), as a deployment behind a load balancer runs them. For
// the cluster test and `npm run bench:cluster`. The caller starts PostgreSQL and Redis (tests/helpers/postgresServer,
// tests/backend/queue/redisServer) and passes their URLs; the cluster starts the devnet and the nodes.
//
//     const cluster = new ServiceCluster({ nodes: 3, databaseUrl: postgres.url, redisUrl: redis.url });
//     await cluster.start();               // devnet, then every node, each until GET /ready answers 200
//     cluster.node(1).url;                 // http://127.0.0.1:<port>
//     await cluster.kill(1);               // SIGKILL, as a crash
//     await cluster.restart(1);            // same port, data dir and log file; until ready again
//     await cluster.allReady();            // every node ready again, e.g. after restarting Redis
//     cluster.cpuSeconds(1);               // user + system CPU the node's current process has used
//     await cluster.stop();                // SIGTERM every node and the devnet; removes the files unless kept
//
// Every node shares the backend signing key (the one the devnet's master is deployed for) and the session secret, so
// each signs intents the master accepts and takes the others' session tokens. Wallets sign their ton_proof for one
// domain every node accepts, as they would for the load balancer's host. Each node logs JSON lines to its own file.
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPairFromSeed } from '@ton/crypto';
import { DEVNET_ENTRY, devnetArgs, devnetUrl, RunningDevnet, waitForDevnet } from '../../devnet/devnetProcess';
import { spawnTypeScript, stopChild } from '../../demo/childProcesses';
import { networkOf } from '../../demo/service';
import { TonNetwork } from '../../client/wallet';
import { freePort } from '../backend/queue/redisServer';

/** The host wallets sign their proofs for: the load balancer's, in a real deployment. */
export const CLUSTER_PROOF_DOMAIN = 'cluster.gstd.test';

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

export interface ServiceClusterOptions {
    nodes: number;
    databaseUrl: string;
    redisUrl: string;
    /** Where the devnet's chain, the nodes' data dirs and their logs go; a fresh temporary directory by default. */
    dir?: string;
    /** The nodes' LOG_LEVEL; `warn` by default (every request logged at `info` costs CPU a benchmark would count). */
    logLevel?: string;
    /** More environment for every node (it wins over the cluster's own settings). */
    env?: Record<string, string>;
}

/** One node as the demo's requester and worker helpers take a service (demo/service.ts RunningService). */
export interface ClusterNode {
    url: string;
    port: number;
    proofDomain: string;
    tonEndpoint: string;
    devnet: RunningDevnet;
    network: TonNetwork;
    dataDir: string;
    /** JSON lines, one object each, appended across restarts. */
    logFile: string;
    /** The running process, or undefined after kill()/stop(). */
    child?: ChildProcess;
}

export class ServiceCluster {
    readonly dir: string;
    readonly signingSeedHex = randomBytes(32).toString('hex');
    readonly sessionSecretHex = randomBytes(32).toString('hex');
    private devnetProcess?: RunningDevnet;
    private readonly nodes: ClusterNode[] = [];

    constructor(private readonly options: ServiceClusterOptions) {
        this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'gstd-cluster-'));
    }

    get devnet(): RunningDevnet {
        if (!this.devnetProcess) throw new Error('the cluster has not started');
        return this.devnetProcess;
    }

    get size(): number {
        return this.nodes.length;
    }

    /** The devnet, then every node at once (their migrations wait on each other in PostgreSQL); until all are ready. */
    async start(): Promise<void> {
        const backendPublicKey = keyPairFromSeed(Buffer.from(this.signingSeedHex, 'hex')).publicKey;
        const devnetOptions = { port: await freePort(), dataDir: join(this.dir, 'devnet'), backendPublicKey, logLevel: 'warn', inMemory: true };
        const devnetChild = spawnTypeScript(DEVNET_ENTRY, devnetArgs(devnetOptions), {});
        devnetChild.stdout?.pipe(createWriteStream(join(this.dir, 'devnet.log'), { flags: 'a' }));
        devnetChild.stderr?.pipe(createWriteStream(join(this.dir, 'devnet.log'), { flags: 'a' }));
        this.devnetProcess = await waitForDevnet(devnetChild, devnetUrl(devnetOptions));
        const network = networkOf(this.devnetProcess.info.global_id);
        for (let i = 0; i < this.options.nodes; i++) {
            const port = await freePort();
            const dataDir = join(this.dir, `node-${i}`);
            mkdirSync(dataDir, { recursive: true });
            this.nodes.push({
                url: `http://127.0.0.1:${port}`,
                port,
                proofDomain: CLUSTER_PROOF_DOMAIN,
                tonEndpoint: this.devnetProcess.endpoint,
                devnet: this.devnetProcess,
                network,
                dataDir,
                logFile: join(this.dir, `node-${i}.log`),
            });
        }
        await Promise.all(this.nodes.map((_, i) => this.launch(i)));
    }

    node(i: number): ClusterNode {
        const node = this.nodes[i];
        if (!node) throw new Error(`the cluster has no node ${i} (it has ${this.nodes.length})`);
        return node;
    }

    /** SIGKILL, as a crash: no shutdown hook runs. */
    async kill(i: number): Promise<void> {
        const node = this.node(i);
        const child = node.child;
        node.child = undefined;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGKILL');
        await exited;
    }

    /** Stops the node if it runs (SIGTERM, a graceful shutdown), starts it again as it was, and waits until ready. */
    async restart(i: number): Promise<void> {
        await this.stopNode(i);
        await this.launch(i);
    }

    /** Until every running node answers GET /ready with 200, as after Redis or PostgreSQL came back; fails if one exits. */
    async allReady(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
        await Promise.all(this.nodes.map((node) => node.child && waitUntilReady(node.url, node.child, timeoutMs)));
    }

    /** User + system CPU seconds of the node's current process (a restart starts a new count). */
    cpuSeconds(i: number): number {
        const pid = this.node(i).child?.pid;
        if (pid === undefined) throw new Error(`node ${i} is not running`);
        return cpuSecondsOf(pid);
    }

    /** The node's log as parsed JSON lines (lines that are not JSON, such as a crash's stack, are skipped). */
    logLines(i: number): Record<string, unknown>[] {
        return readFileSync(this.node(i).logFile, 'utf8')
            .split('\n')
            .flatMap((line) => {
                try {
                    return [JSON.parse(line) as Record<string, unknown>];
                } catch {
                    return [];
                }
            });
    }

    /** Stops every node and the devnet; removes the cluster's directory unless `keepFiles` (to read the logs). */
    async stop(keepFiles = false): Promise<void> {
        await Promise.all(this.nodes.map((_, i) => this.stopNode(i)));
        if (this.devnetProcess) await stopChild(this.devnetProcess.child, STOP_GRACE_MS);
        if (!keepFiles && !this.options.dir) rmSync(this.dir, { recursive: true, force: true });
    }

    private async stopNode(i: number): Promise<void> {
        const node = this.node(i);
        if (node.child) await stopChild(node.child, STOP_GRACE_MS);
        node.child = undefined;
    }

    private async launch(i: number): Promise<void> {
        const node = this.node(i);
        const child = spawnTypeScript('backend/src/server.ts', [], {
            GSTD_DATA_DIR: node.dataDir,
            HOST: '127.0.0.1',
            PORT: String(node.port),
            DATABASE_URL: this.options.databaseUrl,
            REDIS_URL: this.options.redisUrl,
            CHAIN: 'toncenter',
            TONCENTER_ENDPOINT: this.devnet.endpoint,
            ESCROW_MASTER_ADDRESS: this.devnet.info.master,
            BACKEND_SIGNING_KEY: this.signingSeedHex,
            SESSION_SECRET: this.sessionSecretHex,
            PUBLIC_URL: `http://${CLUSTER_PROOF_DOMAIN}`,
            TON_PROOF_DOMAINS: CLUSTER_PROOF_DOMAIN,
            LOG_FORMAT: 'json',
            LOG_LEVEL: this.options.logLevel ?? 'warn',
            SWEEP_INTERVAL_MS: '500',
            CHAIN_POLL_INTERVAL_MS: '1000',
            RATE_LIMIT_AUTH_PER_MINUTE: '100000',
            RATE_LIMIT_RESULTS_PER_SECOND: '100000',
            ...this.options.env,
        });
        const log = createWriteStream(node.logFile, { flags: 'a' });
        child.stdout?.pipe(log);
        child.stderr?.pipe(log);
        node.child = child;
        await waitUntilReady(node.url, child, READY_TIMEOUT_MS);
    }
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
        if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`the node at ${url} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
        }
        if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the node at ${url} did not answer GET /ready with 200 within ${timeoutMs} ms`);
}

// /proc/<pid>/stat counts in clock ticks, 100 a second on every Linux build this runs on (USER_HZ).
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a Linux process has used, from /proc/<pid>/stat (fields 14 and 15). */
export function cpuSecondsOf(pid: number): number {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
