// Events leave a write only after its COMMIT: listeners that read the store (from another connection, as another
// node would) find the change, and a write that rolls back emits nothing.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Database from 'better-sqlite3';
import { transact, transactGrouped } from '../../../backend/src/service/afterCommit';
import { ServiceEvents } from '../../../backend/src/service/context';
import { Sql } from '../../../backend/src/store/sql';
import { SqliteStore } from '../../../backend/src/store/sqliteStore';

function setup() {
    const path = join(mkdtempSync(join(tmpdir(), 'gstd-after-commit-')), 'db.sqlite');
    const store = SqliteStore.open(path);
    store.db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    const reader = new Database(path, { readonly: true });
    const events = new ServiceEvents();
    /** What each `task` event's listener saw: whether the row was visible to another connection, and the writer's state. */
    const seen: Array<{ id: string; committed: boolean; inTransaction: boolean }> = [];
    events.on('task', (id) => {
        seen.push({ id, committed: reader.prepare('SELECT 1 FROM t WHERE id = ?').get(id) !== undefined, inTransaction: store.db.inTransaction });
    });
    const insert = (tx: Sql, id: string) => tx.run('INSERT INTO t VALUES (?)', id);
    const ctx = { store, events };
    return { ctx, store, insert, seen, close: async () => (reader.close(), await store.close()) };
}

describe('transact', () => {
    it('emits after the COMMIT, when another connection already sees the change', async () => {
        const s = setup();
        await transact(s.ctx, async (tx, events) => {
            await s.insert(tx, 'a');
            events.add('task', 'a', 'open');
            expect(s.seen).toEqual([]);
        });
        expect(s.seen).toEqual([{ id: 'a', committed: true, inTransaction: false }]);
        await s.close();
    });

    it('emits nothing when the write throws, and the write is rolled back', async () => {
        const s = setup();
        await expect(
            transact(s.ctx, async (tx, events) => {
                await s.insert(tx, 'a');
                events.add('task', 'a', 'open');
                throw new Error('refused');
            }),
        ).rejects.toThrow('refused');
        expect(s.seen).toEqual([]);
        expect(await s.store.one('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 0 });
        await s.close();
    });

    it('emits only the events of the attempt that committed when the store runs the body again', async () => {
        const s = setup();
        // A store that runs every body twice, dropping the first attempt, as PostgreSQL does after a deadlock.
        let attempts = 0;
        const retrying = {
            ...s.ctx,
            store: Object.assign(Object.create(s.store), {
                transaction: async <T>(body: (tx: Sql) => Promise<T>) => {
                    await s.store.transaction(async (tx) => {
                        await body(tx);
                        throw new Error('deadlock, try again');
                    }).catch(() => undefined);
                    return s.store.transaction(body);
                },
            }),
        };
        await transact(retrying, async (tx, events) => {
            attempts++;
            await s.insert(tx, 'a');
            events.add('task', 'a', 'open');
        });
        expect(attempts).toBe(2);
        expect(s.seen).toEqual([{ id: 'a', committed: true, inTransaction: false }]);
        await s.close();
    });
});

describe('transactGrouped', () => {
    it('emits every write of a batch after the shared COMMIT, never from inside its savepoint', async () => {
        const s = setup();
        await Promise.all(
            ['a', 'b', 'c'].map((id) =>
                transactGrouped(s.ctx, async (tx, events) => {
                    await s.insert(tx, id);
                    events.add('task', id, 'open');
                }),
            ),
        );
        expect(s.seen).toEqual(['a', 'b', 'c'].map((id) => ({ id, committed: true, inTransaction: false })));
        await s.close();
    });

    it('drops the events of a write refused inside the batch and emits the others', async () => {
        const s = setup();
        const outcomes = await Promise.allSettled([
            transactGrouped(s.ctx, async (tx, events) => {
                await s.insert(tx, 'a');
                events.add('task', 'a', 'open');
            }),
            transactGrouped(s.ctx, async (tx, events) => {
                await s.insert(tx, 'b');
                events.add('task', 'b', 'open');
                throw new Error('refused');
            }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
        expect(s.seen).toEqual([{ id: 'a', committed: true, inTransaction: false }]);
        await s.close();
    });
});
