// Group commit: a batch shares one transaction, each write keeps its own savepoint, callers hear after COMMIT.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../backend/src/store/database';
import { GroupCommit, MAX_GROUP_SIZE } from '../../../backend/src/store/groupCommit';

function freshDb() {
    const path = join(mkdtempSync(join(tmpdir(), 'gstd-group-')), 'db.sqlite');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    return { db, path };
}

describe('GroupCommit', () => {
    it('commits the writes of one turn together and answers each with its own value', async () => {
        const { db, path } = freshDb();
        const commits = new GroupCommit(db);
        const other = new Database(path, { readonly: true });
        const writes = [1, 2, 3].map((k) => commits.run(() => db.prepare('INSERT INTO t VALUES (?, ?)').run(k, `v${k}`).changes));
        // Nothing runs until the turn ends, and another connection sees all three or none.
        expect(other.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
        expect(await Promise.all(writes)).toEqual([1, 1, 1]);
        expect(other.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 });
        other.close();
        db.close();
    });

    it('rolls back a refused write alone, with everything it did, and commits the rest', async () => {
        const { db } = freshDb();
        const commits = new GroupCommit(db);
        const ok = commits.run(() => db.prepare('INSERT INTO t VALUES (1, ?)').run('a'));
        const refused = commits.run(() => {
            db.prepare('INSERT INTO t VALUES (2, ?)').run('b');
            throw new Error('refused after writing');
        });
        const duplicate = commits.run(() => db.prepare('INSERT INTO t VALUES (1, ?)').run('again'));
        const after = commits.run(() => db.prepare('INSERT INTO t VALUES (3, ?)').run('c'));
        // Settle all four together: a rejection left without a handler while another is awaited would be
        // reported as unhandled.
        const [okOutcome, refusedOutcome, duplicateOutcome, afterOutcome] = await Promise.allSettled([ok, refused, duplicate, after]);
        expect([okOutcome.status, afterOutcome.status]).toEqual(['fulfilled', 'fulfilled']);
        expect(String((refusedOutcome as PromiseRejectedResult).reason)).toContain('refused after writing');
        expect(String((duplicateOutcome as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
        expect(db.prepare('SELECT k, v FROM t ORDER BY k').all()).toEqual([
            { k: 1, v: 'a' },
            { k: 3, v: 'c' },
        ]);
        expect(db.inTransaction).toBe(false);
        db.close();
    });

    it('splits a burst larger than a batch and commits all of it', async () => {
        const { db } = freshDb();
        const commits = new GroupCommit(db);
        const n = MAX_GROUP_SIZE * 2 + 5;
        await Promise.all(Array.from({ length: n }, (_, k) => commits.run(() => db.prepare('INSERT INTO t VALUES (?, ?)').run(k, 'x'))));
        expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n });
        db.close();
    });

    it('fails every write of a batch whose commit fails, and leaves no transaction open', async () => {
        const { db } = freshDb();
        const commits = new GroupCommit(db);
        // A deferred foreign key is checked only at COMMIT, so the batch's commit itself fails.
        db.exec('PRAGMA foreign_keys = ON; CREATE TABLE child (p INTEGER REFERENCES t (k) DEFERRABLE INITIALLY DEFERRED)');
        const a = commits.run(() => db.prepare('INSERT INTO t VALUES (1, ?)').run('a'));
        const b = commits.run(() => db.prepare('INSERT INTO child VALUES (42)').run());
        const outcomes = await Promise.allSettled([a, b]);
        for (const outcome of outcomes) {
            expect(outcome.status).toBe('rejected');
            expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
        }
        expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
        expect(db.inTransaction).toBe(false);
        db.close();
    });
});
