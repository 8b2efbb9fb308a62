// Leadership through a PostgreSQL advisory lock: of two nodes on one name exactly one leads, and when the leader
// stops, loses its connection or the server restarts, leadership passes on (or comes back) by itself.
import { Client } from 'pg';
import { alwaysLeading } from '../../../backend/src/store/leadership';
import { LeaderLock } from '../../../backend/src/store/postgres/leaderLock';
import { PostgresServer, startPostgres } from '../../helpers/postgresServer';

const RETRY_MS = 100;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const giveUpAt = Date.now() + 20_000;
    while (!(await check())) {
        if (Date.now() > giveUpAt) throw new Error(`gave up waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

describe('LeaderLock', () => {
    let postgres: PostgresServer;
    let admin: Client;
    let locks: LeaderLock[] = [];
    let changes: string[] = [];

    /** A started lock on `name` that records its changes as "<label> leads|follows". */
    const node = (label: string, name: string): LeaderLock => {
        const lock = new LeaderLock(postgres.url, name, {
            retryMs: RETRY_MS,
            onChange: (leading) => changes.push(`${label} ${leading ? 'leads' : 'follows'}`),
        });
        locks.push(lock);
        lock.start();
        return lock;
    };
    const leaders = (...nodes: LeaderLock[]) => nodes.filter((lock) => lock.leading).length;

    const connectAdmin = async () => {
        admin = new Client({ connectionString: postgres.url });
        admin.on('error', () => undefined);
        await admin.connect();
    };

    beforeAll(async () => {
        postgres = await startPostgres();
        await connectAdmin();
    });
    afterAll(async () => {
        await admin?.end().catch(() => undefined);
        await postgres?.stop();
    });
    beforeEach(() => {
        changes = [];
    });
    afterEach(async () => {
        await Promise.all(locks.map((lock) => lock.stop()));
        locks = [];
    });

    it('lets exactly one of two nodes on one name lead, and a node on another name lead beside it', async () => {
        const a = node('a', 'sweeper');
        const b = node('b', 'sweeper');
        const other = node('other', 'relay');
        await until(() => leaders(a, b) === 1 && other.leading, 'one node leads each name');
        // Several more rounds: the follower keeps trying and keeps failing.
        await new Promise((resolve) => setTimeout(resolve, 5 * RETRY_MS));
        expect(leaders(a, b)).toBe(1);
        expect(changes.filter((change) => change !== 'other leads')).toHaveLength(1);
    });

    it('passes leadership to the other node when the leader stops, and the stopped one reports it', async () => {
        const a = node('a', 'watcher');
        await until(() => a.leading, 'a leads');
        const b = node('b', 'watcher');
        await new Promise((resolve) => setTimeout(resolve, 3 * RETRY_MS));
        expect(b.leading).toBe(false);

        await a.stop();

        expect(a.leading).toBe(false);
        await until(() => b.leading, 'b leads');
        expect(changes).toEqual(['a leads', 'a follows', 'b leads']);
    });

    it('stops leading when its session is killed, and the other node takes over', async () => {
        const a = node('a', 'outbox');
        await until(() => a.leading, 'a leads');
        const b = node('b', 'outbox');
        const { rows } = await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = (hashtextextended('outbox', 0) & 4294967295)::oid",
        );
        expect(rows).toHaveLength(1);

        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);

        // The server frees the lock as it ends the session; a hears of it a moment later, and b may lead first.
        await until(() => b.leading && !a.leading, 'b leads and a no longer does');
        expect([...changes].sort()).toEqual(['a follows', 'a leads', 'b leads']);
        expect(changes[0]).toBe('a leads');
    });

    it('comes back to exactly one leader after the server restarts', async () => {
        const a = node('a', 'chain');
        const b = node('b', 'chain');
        await until(() => leaders(a, b) === 1, 'one leads');

        await postgres.restart();

        await until(() => leaders(a, b) === 1 && changes.length >= 3, 'one leads again after the restart');
        expect(changes.filter((change) => change.endsWith('follows'))).toHaveLength(1);
        await connectAdmin();
    });

    it('keeps trying while the server is down, without throwing, and leads once it is back', async () => {
        await postgres.kill();
        const a = node('a', 'late');
        await new Promise((resolve) => setTimeout(resolve, 3 * RETRY_MS));
        expect(a.leading).toBe(false);

        await postgres.restart();

        await until(() => a.leading, 'a leads');
        expect(changes).toEqual(['a leads']);
        await connectAdmin();
    });

    it('has SQLite’s single node always lead', async () => {
        expect(alwaysLeading.leading).toBe(true);
        await expect(alwaysLeading.stop()).resolves.toBeUndefined();
    });
});
