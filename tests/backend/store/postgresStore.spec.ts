// The PostgreSQL store against a real server: SQLite's `?` statements run as they are, values keep the types the
// repositories read, transactions commit or leave nothing, FOR UPDATE and lock() make a second transaction wait,
// a deadlock is retried to success while other refusals are not, and an outage is a retryable STORE_UNAVAILABLE
// that ends by itself when the server is back.
import { Client } from 'pg';
import { ServiceError } from '../../../backend/src/service/serviceError';
import { Sql } from '../../../backend/src/store/sql';
import { PostgresStore } from '../../../backend/src/store/postgres/postgresStore';
import { numberPlaceholders } from '../../../backend/src/store/postgres/placeholders';
import { PostgresServer, startPostgres } from '../../helpers/postgresServer';

const unavailable = { kind: 'unavailable', code: 'STORE_UNAVAILABLE' };

/** Resolves once `check` holds; gives up after a generous while so a broken store fails instead of hanging. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    const giveUpAt = Date.now() + 20_000;
    while (!(await check())) {
        if (Date.now() > giveUpAt) throw new Error(`gave up waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

/** A promise and the function that resolves it, to hold one transaction at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
}

describe('PostgresStore', () => {
    let postgres: PostgresServer;
    let store: PostgresStore;
    let admin: Client;

    /** How many backends of this database wait for a lock of the given type now. */
    const waitingFor = async (locktype: 'transactionid' | 'advisory'): Promise<number> => {
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = $1', [locktype]);
        return rows[0].n;
    };

    beforeAll(async () => {
        postgres = await startPostgres();
        store = await PostgresStore.connect(postgres.url, { maxConnections: 4 });
        admin = new Client({ connectionString: postgres.url });
        // The outage tests take the server away under this client too; its next query says so.
        admin.on('error', () => undefined);
        await admin.connect();
    });
    afterAll(async () => {
        await store?.close();
        await admin?.end().catch(() => undefined);
        await postgres?.stop();
    });

    beforeEach(async () => {
        await store.run('DROP TABLE IF EXISTS scratch');
        await store.run('CREATE TABLE scratch (id INTEGER PRIMARY KEY, note TEXT, amount NUMERIC(39,0), at BIGINT, bytes BYTEA)');
        await store.run('INSERT INTO scratch (id, note) VALUES (1, ?), (2, ?)', 'one', 'two');
    });

    describe('statements', () => {
        it('numbers ? placeholders in order and leaves a ? inside a quoted literal or identifier alone', () => {
            expect(numberPlaceholders("SELECT ? AS a, '?' AS \"b?\", ? AS c WHERE x = 'it''s ?' AND y = ?")).toEqual({
                text: "SELECT $1 AS a, '?' AS \"b?\", $2 AS c WHERE x = 'it''s ?' AND y = $3",
                placeholders: 3,
            });
        });

        it('runs SQLite-style text with several placeholders and a literal question mark', async () => {
            const row = await store.one<{ a: string; b: string; c: string; q: string }>(
                "SELECT ?::text AS a, ?::text AS b, ?::text AS c, 'why?' AS q",
                'x',
                'y',
                'z',
            );
            expect(row).toEqual({ a: 'x', b: 'y', c: 'z', q: 'why?' });
        });

        it('keeps money above 2^63 exact through NUMERIC(39,0), returned as a decimal string', async () => {
            const amount = 2n ** 100n + 7n;
            await store.run('UPDATE scratch SET amount = ? WHERE id = 1', amount);
            const row = await store.one<{ amount: string }>('SELECT amount FROM scratch WHERE id = 1');
            expect(row).toEqual({ amount: '1267650600228229401496703205383' });
            expect(BigInt(row!.amount)).toBe(amount);
        });

        it('reads BIGINT (and COUNT) as numbers and stores a Buffer as BYTEA byte for byte', async () => {
            const bytes = Buffer.from([0, 1, 2, 254, 255]);
            await store.run('UPDATE scratch SET at = ?, bytes = ? WHERE id = 2', 1_700_000_000_123, bytes);
            const row = await store.one<{ at: number; bytes: Buffer; n: number }>(
                'SELECT at, bytes, (SELECT COUNT(*) FROM scratch) AS n FROM scratch WHERE id = 2',
            );
            expect(row).toEqual({ at: 1_700_000_000_123, bytes, n: 2 });
        });

        it('refuses a BIGINT beyond 2^53 rather than reading it with digits lost', async () => {
            await expect(store.one('SELECT 9007199254740993::bigint AS big')).rejects.toThrow(/beyond 2\^53/);
        });

        it('leaves pg’s global parsers alone: a plain pg client still reads BIGINT as a string', async () => {
            const { rows } = await admin.query('SELECT 5::bigint AS n');
            expect(rows).toEqual([{ n: '5' }]);
        });

        it('answers one() with undefined and all() with [] when no row matches', async () => {
            expect(await store.one('SELECT id FROM scratch WHERE id = ?', 99)).toBeUndefined();
            expect(await store.all('SELECT id FROM scratch WHERE id > ?', 99)).toEqual([]);
        });

        it('resolves run() with the number of rows changed', async () => {
            expect(await store.run('UPDATE scratch SET note = ? WHERE id >= ?', 'x', 1)).toBe(2);
            expect(await store.run('DELETE FROM scratch WHERE id = ?', 99)).toBe(0);
        });

        it('refuses a call with the wrong number of parameters before it reaches the server', async () => {
            await expect(store.one('SELECT ?::int AS a, ?::int AS b', 1)).rejects.toThrow('the statement takes 2 parameters, 1 given');
        });

        it('refuses lock() outside a transaction, where it would be released at once', async () => {
            await expect(store.lock('anything')).rejects.toThrow(/transaction handle/);
        });

        it('has the real schema migrated on connect', async () => {
            const row = await store.one<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations');
            expect(row!.v).toBeGreaterThanOrEqual(1);
            expect(await store.all('SELECT id FROM tasks')).toEqual([]);
        });
    });

    describe('transactions', () => {
        it('commits what the body wrote and resolves with what it returned', async () => {
            const value = await store.transaction(async (tx) => {
                await tx.run('INSERT INTO scratch (id, note) VALUES (?, ?)', 3, 'three');
                return tx.one<{ note: string }>('SELECT note FROM scratch WHERE id = ?', 3);
            });
            expect(value).toEqual({ note: 'three' });
            expect(await store.one('SELECT note FROM scratch WHERE id = 3')).toEqual({ note: 'three' });
        });

        it('leaves nothing of a body that throws, and rethrows its error as is', async () => {
            const refusal = new ServiceError('conflict', 'SLOT_TAKEN', 'taken');
            await expect(
                store.transaction(async (tx) => {
                    await tx.run('INSERT INTO scratch (id, note) VALUES (?, ?)', 3, 'three');
                    await tx.run('UPDATE scratch SET note = ? WHERE id = 1', 'changed');
                    throw refusal;
                }),
            ).rejects.toBe(refusal);
            expect(await store.all('SELECT id, note FROM scratch ORDER BY id')).toEqual([
                { id: 1, note: 'one' },
                { id: 2, note: 'two' },
            ]);
        });

        it('refuses a handle used after its transaction ended', async () => {
            let kept: Sql | undefined;
            await store.transaction(async (tx) => {
                kept = tx;
            });
            await expect(kept!.one('SELECT 1')).rejects.toThrow('this transaction has ended');
            // The store itself is usable again once the body is done.
            expect(await store.one('SELECT 1 AS one')).toEqual({ one: 1 });
        });

        it('makes a second transaction reading FOR UPDATE wait until the first commits, then see its write', async () => {
            const events: string[] = [];
            const firstLocked = gate();
            const firstMayCommit = gate();
            const first = store.transaction(async (tx) => {
                await tx.one(`SELECT note FROM scratch WHERE id = 1${tx.forUpdate}`);
                events.push('first locked the row');
                firstLocked.open();
                await firstMayCommit.opened;
                await tx.run('UPDATE scratch SET note = ? WHERE id = 1', 'by first');
                events.push('first commits');
            });
            await firstLocked.opened;
            const second = store.transaction(async (tx) => {
                const row = await tx.one<{ note: string }>(`SELECT note FROM scratch WHERE id = 1${tx.forUpdate}`);
                events.push(`second read '${row!.note}'`);
            });
            await until(async () => (await waitingFor('transactionid')) === 1, 'the second transaction waits for the row');
            events.push('second is waiting');
            firstMayCommit.open();
            await Promise.all([first, second]);
            expect(events).toEqual(['first locked the row', 'second is waiting', 'first commits', "second read 'by first'"]);
        });

        it('does not make a row lock wait for an uncommitted row that references it by foreign key', async () => {
            // A decision locks each device's row to update its trust while that device's results to other tasks,
            // which reference the row, are still uncommitted; waiting for them made decisions deadlock (bench:cluster).
            await store.run('CREATE TABLE scratch_child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES scratch (id))');
            try {
                const childInserted = gate();
                const firstMayCommit = gate();
                const first = store.transaction(async (tx) => {
                    await tx.run('INSERT INTO scratch_child (id, parent) VALUES (1, 1)');
                    childInserted.open();
                    await firstMayCommit.opened;
                });
                await childInserted.opened;
                const second = store.transaction(async (tx) => {
                    await tx.one(`SELECT note FROM scratch WHERE id = 1${tx.forUpdate}`);
                    await tx.run('UPDATE scratch SET note = ? WHERE id = 1', 'by second');
                });
                const waits = until(async () => (await waitingFor('transactionid')) === 1, 'the second transaction waits');
                const firstToEnd = await Promise.race([second.then(() => 'second'), waits.then(() => 'first')]);
                firstMayCommit.open();
                await Promise.all([first, second]);
                expect(firstToEnd).toBe('second');
                expect(await store.one('SELECT note FROM scratch WHERE id = 1')).toEqual({ note: 'by second' });
            } finally {
                await store.run('DROP TABLE IF EXISTS scratch_child');
            }
        });

        it('makes a second transaction taking the same lock(name) wait until the first ends', async () => {
            const events: string[] = [];
            const firstLocked = gate();
            const firstMayEnd = gate();
            const first = store.transaction(async (tx) => {
                await tx.lock('wallet:EQ-same');
                events.push('first holds the lock');
                firstLocked.open();
                await firstMayEnd.opened;
                events.push('first ends');
            });
            await firstLocked.opened;
            const second = store.transaction(async (tx) => {
                await tx.lock('wallet:EQ-same');
                events.push('second holds the lock');
            });
            await until(async () => (await waitingFor('advisory')) === 1, 'the second transaction waits for the lock');
            events.push('second is waiting');
            // Another name is not held up by it.
            await store.transaction((tx) => tx.lock('wallet:EQ-other'));
            firstMayEnd.open();
            await Promise.all([first, second]);
            expect(events).toEqual(['first holds the lock', 'second is waiting', 'first ends', 'second holds the lock']);
        });

        it('runs the loser of a deadlock again, so both transactions commit', async () => {
            const attempts = { a: 0, b: 0 };
            let holding = 0;
            const bothHoldOneRow = gate();
            // Each takes its first row, waits (on its first run only) until the other has taken the other row, then
            // asks for that row: PostgreSQL finds the cycle and rolls one back.
            const crossUpdate = (name: 'a' | 'b', firstId: number, secondId: number) =>
                store.transaction(async (tx) => {
                    attempts[name] += 1;
                    await tx.run('UPDATE scratch SET note = note || ? WHERE id = ?', name, firstId);
                    if (attempts[name] === 1) {
                        holding += 1;
                        if (holding === 2) bothHoldOneRow.open();
                        await bothHoldOneRow.opened;
                    }
                    await tx.run('UPDATE scratch SET note = note || ? WHERE id = ?', name, secondId);
                });
            await Promise.all([crossUpdate('a', 1, 2), crossUpdate('b', 2, 1)]);
            expect(attempts.a + attempts.b).toBe(3);
            const notes = (await store.all<{ note: string }>('SELECT note FROM scratch ORDER BY id')).map((row) => row.note);
            // Each row got one 'a' and one 'b' (in the order the winner and the rerun took it): nothing of the rolled-back run.
            expect(notes.map((note) => [...note.slice(3)].sort().join(''))).toEqual(['ab', 'ab']);
        });

        it('rethrows a unique violation (23505) at once, without running the body again', async () => {
            let attempts = 0;
            const failure = store.transaction(async (tx) => {
                attempts += 1;
                await tx.run('INSERT INTO scratch (id, note) VALUES (?, ?)', 1, 'duplicate');
            });
            await expect(failure).rejects.toMatchObject({ code: '23505' });
            await expect(failure).rejects.not.toBeInstanceOf(ServiceError);
            expect(attempts).toBe(1);
        });
    });

    describe('when the connection is lost', () => {
        it('turns a connection killed in the middle of a body into STORE_UNAVAILABLE, with nothing changed', async () => {
            let pid = 0;
            const failure = store.transaction(async (tx) => {
                await tx.run('UPDATE scratch SET note = ? WHERE id = 1', 'half done');
                pid = (await tx.one<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid;
                await admin.query('SELECT pg_terminate_backend($1)', [pid]);
                await until(async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0, 'the backend is gone');
                // Idle here while the server's notice arrives: unheard, the client's 'error' event would crash jest.
                await new Promise((resolve) => setTimeout(resolve, 200));
                await tx.one('SELECT 1');
            });
            await expect(failure).rejects.toMatchObject({ ...unavailable, message: expect.stringContaining('nothing was changed') });
            expect(await store.one('SELECT note FROM scratch WHERE id = 1')).toEqual({ note: 'one' });
        });

        it('says a connection lost at COMMIT may or may not have committed, with the same code', async () => {
            const failure = store.transaction(async (tx) => {
                await tx.run('UPDATE scratch SET note = ? WHERE id = 1', 'maybe');
                const { pid } = (await tx.one<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!;
                await admin.query('SELECT pg_terminate_backend($1)', [pid]);
                await until(async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0, 'the backend is gone');
            });
            await expect(failure).rejects.toBeInstanceOf(ServiceError);
            await expect(failure).rejects.toMatchObject({ ...unavailable, message: 'the database connection was lost while committing; try again' });
            // Here the backend died before COMMIT arrived, so nothing landed; the message cannot know that.
            expect(await store.one('SELECT note FROM scratch WHERE id = 1')).toEqual({ note: 'one' });
        });

        it('answers STORE_UNAVAILABLE while the server is down, without crashing, and works again once it is back', async () => {
            // Connections the pool holds idle die with the server; the pool must drop them quietly.
            await Promise.all([store.one('SELECT pg_sleep(0.05)'), store.one('SELECT pg_sleep(0.05)'), store.one('SELECT 1')]);
            await postgres.kill();

            await expect(store.one('SELECT 1')).rejects.toMatchObject(unavailable);
            await expect(store.all('SELECT 1')).rejects.toMatchObject(unavailable);
            await expect(store.run('UPDATE scratch SET note = ?', 'x')).rejects.toMatchObject(unavailable);
            await expect(store.transaction((tx) => tx.run('UPDATE scratch SET note = ?', 'x'))).rejects.toMatchObject({
                ...unavailable,
                message: 'the database cannot be reached right now; nothing was changed, try again',
            });

            await postgres.restart();

            expect(await store.one('SELECT 1 AS one')).toEqual({ one: 1 });
            expect(await store.transaction((tx) => tx.run('UPDATE scratch SET note = ? WHERE id = 1', 'after restart'))).toBe(1);
            expect(await store.one('SELECT note FROM scratch WHERE id = 1')).toEqual({ note: 'after restart' });
        });
    });
});
