// A real PostgreSQL for the store suites: a throwaway cluster in a temporary directory on a free port, started and
// removed by the suite itself, as the queue suites do with redis-server. The store's guarantees rest on PostgreSQL's
// transactions and crash recovery, so a fake would prove nothing.
//
// Use it like this; afterAll runs even when tests fail, and a failed start cleans up after itself:
//     let postgres: PostgresServer;
//     beforeAll(async () => { postgres = await startPostgres(); });
//     afterAll(() => postgres?.stop());
// If jest kills the worker before afterAll, the server dies with it (parent-death signal, below); only its
// temporary directory is left behind.
import { ChildProcess, spawn } from 'node:child_process';
import {
    accessSync,
    chownSync,
    constants,
    existsSync,
    mkdtempSync,
    readdirSync,
    realpathSync,
    rmSync,
    statSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../backend/queue/redisServer';

const DEBIAN_PACKAGE_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';
const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT_CHARS = 20_000;

// Local connections only. Trust is fine: the server lives for one suite and listens on 127.0.0.1 alone.
const CLIENT_AUTHENTICATION = ['local all all trust', 'host all all 127.0.0.1/32 trust', ''].join('\n');

// fsync and full-page writes only guard against a power cut, which a test cluster never has to survive. Commits
// stay synchronous: with synchronous_commit off, kill() could lose acknowledged rows and crash tests would lie.
const SPEED_SETTINGS = ['fsync=off', 'full_page_writes=off', 'shared_buffers=16MB'];

export interface PostgresServer {
    /** postgres://postgres@127.0.0.1:<port>/<database> */
    url: string;
    port: number;
    /** The cluster's data directory, also its unix socket directory; stop() removes it. */
    dataDir: string;
    /** Fast shutdown, then the data directory is removed. Safe after kill() and when called twice. */
    stop(): Promise<void>;
    /** Fast shutdown if running, then start again on the same port with the same data. */
    restart(): Promise<void>;
    /** SIGKILL of the postmaster, as in a crash; restart() recovers from the write-ahead log. */
    kill(): Promise<void>;
}

export interface PostgresOptions {
    /** The database the url points at; created empty. */
    database?: string;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
    const database = options.database ?? 'gstd_test';
    if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
        throw new Error(`database name '${database}': use lower-case letters, digits and _`);
    }
    const binDir = findPostgresBinDir();
    const wrap = await processWrapper();
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'gstd-postgres-'));
    if (wrap.owner) chownSync(dataDir, wrap.owner.uid, wrap.owner.gid);

    let postmaster: Postmaster | undefined;
    let stopped = false;
    const launch = async () => {
        postmaster = await startPostmaster(wrap, binDir, dataDir, port);
    };
    try {
        const initdbArgs = ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'];
        await run(wrap.command(join(binDir, 'initdb'), initdbArgs), dataDir);
        // The file exists and belongs to the server user already; rewriting it keeps the owner.
        writeFileSync(join(dataDir, 'pg_hba.conf'), CLIENT_AUTHENTICATION);
        await launch();
        await query(adminUrl(port), `CREATE DATABASE ${database}`);
    } catch (error) {
        await postmaster?.end('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
    }

    return {
        url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
        port,
        dataDir,
        async stop() {
            stopped = true;
            await postmaster?.end('SIGINT');
            rmSync(dataDir, { recursive: true, force: true });
        },
        async restart() {
            if (stopped) throw new Error('this PostgreSQL was stopped and its data removed; start a new one');
            await postmaster?.end('SIGINT');
            await launch();
        },
        async kill() {
            await postmaster?.end('SIGKILL');
        },
    };
}

/**
 * The directory holding initdb and postgres: wherever PATH finds initdb (through its symlinks), else the newest
 * version Debian's package installed, which it keeps off PATH.
 */
export function findPostgresBinDir(searchPath = process.env.PATH ?? '', packageRoot = DEBIAN_PACKAGE_ROOT): string {
    const onPath = findOnPath('initdb', searchPath);
    if (onPath) return dirname(realpathSync(onPath));
    const versions = existsSync(packageRoot) ? readdirSync(packageRoot) : [];
    const installed = versions
        .filter((version) => /^\d+(\.\d+)?$/.test(version) && isExecutable(join(packageRoot, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a));
    if (installed.length > 0) return join(packageRoot, installed[0], 'bin');
    throw new Error(
        `PostgreSQL is not installed: no initdb on PATH nor in ${packageRoot}/<version>/bin. The store tests start ` +
            'their own server: .ci/run installs it; locally run `apt-get install -y postgresql` (with sudo unless root).',
    );
}

interface ProcessWrapper {
    /** Runs a command as the user the server runs as, killed when this process dies. */
    command(file: string, args: string[]): [string, string[]];
    /** Who must own the data directory when that is not us. */
    owner?: { uid: number; gid: number };
}

// PostgreSQL refuses to run as root, so as root everything runs as the `postgres` user Debian's package creates.
// setpriv execs the command in place (its pid is the postmaster's, for kill()) and sets the parent-death signal.
async function processWrapper(): Promise<ProcessWrapper> {
    const setpriv = findOnPath('setpriv', process.env.PATH ?? '');
    if (process.getuid?.() !== 0) {
        return {
            command: (file, args) => (setpriv ? [setpriv, ['--pdeathsig=SIGKILL', '--', file, ...args]] : [file, args]),
        };
    }
    if (!setpriv) {
        throw new Error('running as root, the PostgreSQL tests need setpriv (Debian package util-linux) to drop to the postgres user');
    }
    const owner = { uid: await idOf('-u'), gid: await idOf('-g') };
    const asServerUser = [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--pdeathsig=SIGKILL', '--'];
    return { owner, command: (file, args) => [setpriv, [...asServerUser, file, ...args]] };
}

async function idOf(flag: '-u' | '-g'): Promise<number> {
    const output = await run(['id', [flag, SERVER_USER]], tmpdir()).catch(() => {
        throw new Error(
            `running as root, the PostgreSQL tests run the server as the user '${SERVER_USER}', ` +
                'which does not exist (the Debian postgresql package creates it)',
        );
    });
    return Number(output.trim());
}

interface Postmaster {
    /** Sends the signal (SIGINT: fast shutdown) and waits for the exit; SIGKILL if it takes too long. */
    end(signal: 'SIGINT' | 'SIGKILL'): Promise<void>;
}

// After kill(), the old server's processes notice their postmaster is gone and exit on their own; until the last has,
// a new postmaster refuses the data directory's shared memory. That one refusal is waited out.
const OLD_PROCESSES_REMAIN = /shared memory block .* is still in use/;

async function startPostmaster(wrap: ProcessWrapper, binDir: string, dataDir: string, port: number): Promise<Postmaster> {
    const settings = [`port=${port}`, 'listen_addresses=127.0.0.1', `unix_socket_directories=${dataDir}`, ...SPEED_SETTINGS];
    const serverArgs = ['-D', dataDir, ...settings.flatMap((setting) => ['-c', setting])];
    const [file, args] = wrap.command(join(binDir, 'postgres'), serverArgs);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
        const child = spawn(file, args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
        const output = keepOutput(child);
        let running = true;
        const exited = new Promise<void>((resolve) => {
            const ended = () => {
                running = false;
                resolve();
            };
            child.once('exit', ended);
            child.once('error', ended);
        });
        const postmaster = { end: (signal: 'SIGINT' | 'SIGKILL') => endProcess(child, exited, signal, () => running) };

        while (running && Date.now() < deadline) {
            if (await answers(adminUrl(port))) return postmaster;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await postmaster.end('SIGKILL');
        if (!(OLD_PROCESSES_REMAIN.test(output()) && Date.now() < deadline)) {
            throw new Error(`PostgreSQL did not accept connections on port ${port}; its output:\n${output()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

async function endProcess(
    child: ChildProcess,
    exited: Promise<void>,
    signal: 'SIGINT' | 'SIGKILL',
    running: () => boolean,
): Promise<void> {
    if (!running()) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
}

function adminUrl(port: number): string {
    return `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
}

async function answers(url: string): Promise<boolean> {
    try {
        await query(url, 'SELECT 1');
        return true;
    } catch {
        return false;
    }
}

async function query(url: string, sql: string): Promise<void> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    // A server going down under an idle client is reported here rather than crashing the test process.
    client.on('error', () => undefined);
    try {
        await client.connect();
        await client.query(sql);
    } finally {
        await client.end().catch(() => undefined);
    }
}

/** Runs a command to its end; its output, or an error carrying it. */
function run([file, args]: [string, string[]], cwd: string): Promise<string> {
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = keepOutput(child);
    return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code) =>
            code === 0 ? resolve(output()) : reject(new Error(`${file} ${args.join(' ')} failed (exit ${code}):\n${output()}`)),
        );
    });
}

function keepOutput(child: ChildProcess): () => string {
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    return () => output;
}

function findOnPath(name: string, searchPath: string): string | undefined {
    return searchPath
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, name))
        .find(isExecutable);
}

function isExecutable(file: string): boolean {
    try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
    } catch {
        return false;
    }
}
