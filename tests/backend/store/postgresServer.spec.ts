// The PostgreSQL the store suites start for themselves: it answers at its url, keeps committed rows across a
// restart and a crash, drops its clients when it goes down, cleans up, and dies with the process that started it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findPostgresBinDir, PostgresServer, startPostgres } from '../../helpers/postgresServer';

const GIVE_UP_MS = 20_000;

async function connect(url: string): Promise<Client> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    // The server goes down under some of these clients on purpose; the failure shows in their next query.
    client.on('error', () => undefined);
    await client.connect();
    return client;
}

async function rowsOf(url: string, sql: string): Promise<unknown[]> {
    const client = await connect(url);
    try {
        return (await client.query(sql)).rows;
    } finally {
        await client.end();
    }
}

async function refusesConnections(url: string): Promise<boolean> {
    return connect(url).then(
        async (client) => {
            await client.end();
            return false;
        },
        (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
    );
}

describe('a started PostgreSQL', () => {
    let postgres: PostgresServer;
    beforeAll(async () => {
        postgres = await startPostgres();
    });
    afterAll(() => postgres?.stop());

    it('answers queries at its url, in its own database on its own port', async () => {
        expect(postgres.url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/gstd_test`);
        const rows = await rowsOf(postgres.url, 'SELECT current_database() AS name, 1 + 1 AS two');
        expect(rows).toEqual([{ name: 'gstd_test', two: 2 }]);
        expect(await rowsOf(postgres.url, 'SHOW data_directory')).toEqual([{ data_directory: postgres.dataDir }]);
    });

    it('keeps a committed row across a restart on the same port', async () => {
        await rowsOf(postgres.url, 'CREATE TABLE kept (note text)');
        await rowsOf(postgres.url, "INSERT INTO kept VALUES ('before restart')");
        const port = postgres.port;

        await postgres.restart();

        expect(postgres.port).toBe(port);
        expect(await rowsOf(postgres.url, 'SELECT note FROM kept')).toEqual([{ note: 'before restart' }]);
    });

    it('fails a query in flight during a restart with a connection error; a new client afterwards succeeds', async () => {
        const client = await connect(postgres.url);
        const inFlight = client.query('SELECT pg_sleep(60)');

        await postgres.restart();

        await expect(inFlight).rejects.toThrow(/terminat/i);
        await expect(client.query('SELECT 1')).rejects.toThrow(/not queryable|terminat/i);
        await client.end().catch(() => undefined);
        expect(await rowsOf(postgres.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });

    it('refuses connections after kill and recovers committed rows on restart', async () => {
        await rowsOf(postgres.url, 'CREATE TABLE crashed (note text)');
        await rowsOf(postgres.url, "INSERT INTO crashed VALUES ('committed before the crash')");

        await postgres.kill();
        expect(await refusesConnections(postgres.url)).toBe(true);
        await postgres.restart();

        expect(await rowsOf(postgres.url, 'SELECT note FROM crashed')).toEqual([{ note: 'committed before the crash' }]);
    });

    it('restarts after kill once the old server processes have exited', async () => {
        const client = await connect(postgres.url);
        const { pid } = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0];
        // A stopped backend stays attached to the old shared memory, so the new postmaster is refused until it exits.
        process.kill(pid, 'SIGSTOP');
        await postgres.kill();

        const restarted = postgres.restart();
        let resumed = false;
        setTimeout(() => {
            resumed = true;
            process.kill(pid, 'SIGCONT');
        }, 1_000);
        await restarted;

        expect(resumed).toBe(true);
        expect(await rowsOf(postgres.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
        await client.end().catch(() => undefined);
    });
});

describe('stopping PostgreSQL', () => {
    it('shuts the server down and removes its directory', async () => {
        const postgres = await startPostgres({ database: 'stopped_here' });
        expect(existsSync(postgres.dataDir)).toBe(true);

        await postgres.stop();

        expect(existsSync(postgres.dataDir)).toBe(false);
        expect(await refusesConnections(postgres.url)).toBe(true);
        await postgres.stop();
        await expect(postgres.restart()).rejects.toThrow(/stopped/);
    });

    it('refuses a database name it would have to quote, before starting anything', async () => {
        await expect(startPostgres({ database: 'gstd; DROP DATABASE postgres' })).rejects.toThrow(/database name/);
    });

    it('dies with the process that started it, even one killed before afterAll', async () => {
        const helper = JSON.stringify(require.resolve('../../helpers/postgresServer'));
        const script = `require(${helper}).startPostgres().then((server) => console.log(JSON.stringify(server)))`;
        const starter = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
            env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '../../../tsconfig.json') },
            stdio: ['ignore', 'pipe', 'inherit'],
        });
        const started: PostgresServer = await new Promise((resolve, reject) => {
            let output = '';
            starter.stdout!.on('data', (chunk: Buffer) => {
                output += chunk.toString();
                if (output.includes('\n')) resolve(JSON.parse(output));
            });
            starter.once('exit', (code) => reject(new Error(`the starting process exited (${code}) before PostgreSQL was up`)));
        });
        expect(await rowsOf(started.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);

        starter.kill('SIGKILL');

        const deadline = Date.now() + GIVE_UP_MS;
        while (!(await refusesConnections(started.url)) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await refusesConnections(started.url)).toBe(true);
        rmSync(started.dataDir, { recursive: true, force: true });
    });
});

describe('finding the PostgreSQL programs', () => {
    let root: string;
    beforeEach(() => {
        root = mkdtempSync(join(tmpdir(), 'gstd-postgres-bin-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function installProgram(dir: string): string {
        mkdirSync(dir, { recursive: true });
        const file = join(dir, 'initdb');
        writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
        return file;
    }

    it('takes initdb from PATH first, following a symlink to its real directory', () => {
        const real = installProgram(join(root, 'lib/postgresql/15/bin'));
        mkdirSync(join(root, 'bin'));
        symlinkSync(real, join(root, 'bin/initdb'));
        installProgram(join(root, 'lib/postgresql/16/bin'));

        expect(findPostgresBinDir(join(root, 'bin'), join(root, 'lib/postgresql'))).toBe(join(root, 'lib/postgresql/15/bin'));
    });

    it("falls back to the highest version of Debian's package, which is not on PATH", () => {
        for (const version of ['9.6', '15', '12']) installProgram(join(root, `lib/postgresql/${version}/bin`));
        mkdirSync(join(root, 'lib/postgresql/17/bin'), { recursive: true });

        expect(findPostgresBinDir(join(root, 'empty'), join(root, 'lib/postgresql'))).toBe(join(root, 'lib/postgresql/15/bin'));
    });

    it('names the install command when PostgreSQL is nowhere', () => {
        expect(() => findPostgresBinDir(join(root, 'empty'), join(root, 'missing'))).toThrow(/apt-get install -y postgresql/);
    });
});
