// Events leave a write only after its COMMIT: listeners that read the store (from another connection, as another
// node would) find the change, and a write that rolls back emits nothing.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Database from 'better-sqlite3';
import { transact, transactGrouped } from '../../../backend/src/service/afterCommit';
import { ServiceEvents } from '../../../backend/src/service/context';
import { openDatabase } from '../../../backend/src/store/database';
import { GroupCommit } from '../../../backend/src/store/groupCommit';

function setup() {
    const path = join(mkdtempSync(join(tmpdir(), 'gstd-after-commit-')), 'db.sqlite');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    const reader = new Database(path, { readonly: true });
    const events = new ServiceEvents();
    /** What each `task` event's listener saw: whether the row was visible to another connection, and the writer's state. */
    const seen: Array<{ id: string; committed: boolean; inTransaction: boolean }> = [];
    events.on('task', (id) => {
        seen.push({ id, committed: reader.prepare('SELECT 1 FROM t WHERE id = ?').get(id) !== undefined, inTransaction: db.inTransaction });
    });
    const insert = (id: string) => db.prepare('INSERT INTO t VALUES (?)').run(id);
    const ctx = { db, events, commits: new GroupCommit(db) };
    return { ctx, db, insert, seen, close: () => (reader.close(), db.close()) };
}

describe('transact', () => {
    it('emits after the COMMIT, when another connection already sees the change', () => {
        const s = setup();
        transact(s.ctx, (events) => {
            s.insert('a');
            events.add('task', 'a', 'open');
            expect(s.seen).toEqual([]);
        });
        expect(s.seen).toEqual([{ id: 'a', committed: true, inTransaction: false }]);
        s.close();
    });

    it('emits nothing when the write throws, and the write is rolled back', () => {
        const s = setup();
        expect(() =>
            transact(s.ctx, (events) => {
                s.insert('a');
                events.add('task', 'a', 'open');
                throw new Error('refused');
            }),
        ).toThrow('refused');
        expect(s.seen).toEqual([]);
        expect(s.db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
        s.close();
    });

    it('refuses to run inside another transaction, where its events would precede the real COMMIT', () => {
        const s = setup();
        s.db.exec('BEGIN');
        expect(() => transact(s.ctx, () => undefined)).toThrow(/must not run inside another transaction/);
        s.db.exec('ROLLBACK');
        s.close();
    });
});

describe('transactGrouped', () => {
    it('emits every write of a batch after the shared COMMIT, never from inside its savepoint', async () => {
        const s = setup();
        await Promise.all(
            ['a', 'b', 'c'].map((id) =>
                transactGrouped(s.ctx, (events) => {
                    s.insert(id);
                    events.add('task', id, 'open');
                }),
            ),
        );
        expect(s.seen).toEqual(['a', 'b', 'c'].map((id) => ({ id, committed: true, inTransaction: false })));
        s.close();
    });

    it('drops the events of a write refused inside the batch and emits the others', async () => {
        const s = setup();
        const outcomes = await Promise.allSettled([
            transactGrouped(s.ctx, (events) => {
                s.insert('a');
                events.add('task', 'a', 'open');
            }),
            transactGrouped(s.ctx, (events) => {
                s.insert('b');
                events.add('task', 'b', 'open');
                throw new Error('refused');
            }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
        expect(s.seen).toEqual([{ id: 'a', committed: true, inTransaction: false }]);
        s.close();
    });
});
