// The embedded store: grouped transactions share one COMMIT, each keeps its own savepoint, callers hear after the
// COMMIT; transactions never interleave on the one connection; reads never see a transaction in progress.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Database from 'better-sqlite3';
import { MAX_GROUP_SIZE, SqliteStore } from '../../../backend/src/store/sqliteStore';

function freshStore() {
    const path = join(mkdtempSync(join(tmpdir(), 'gstd-sqlite-store-')), 'db.sqlite');
    const store = SqliteStore.open(path);
    store.db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    return { store, db: store.db, path };
}

const insert = (k: number, v: string) => `INSERT INTO t VALUES (${k}, '${v}')`;

describe('SqliteStore group commit', () => {
    it('commits the grouped transactions of one turn together and answers each with its own value', async () => {
        const { store, path } = freshStore();
        const other = new Database(path, { readonly: true });
        const writes = [1, 2, 3].map((k) => store.transaction((tx) => tx.run(insert(k, `v${k}`)), { grouped: true }));
        // Nothing runs until the turn ends, and another connection sees all three or none.
        expect(other.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
        expect(await Promise.all(writes)).toEqual([1, 1, 1]);
        expect(other.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 });
        other.close();
        await store.close();
    });

    it('rolls back a refused transaction alone, with everything it did, and commits the rest', async () => {
        const { store, db } = freshStore();
        const grouped = { grouped: true };
        const ok = store.transaction((tx) => tx.run(insert(1, 'a')), grouped);
        const refused = store.transaction(async (tx) => {
            await tx.run(insert(2, 'b'));
            throw new Error('refused after writing');
        }, grouped);
        const duplicate = store.transaction((tx) => tx.run(insert(1, 'again')), grouped);
        const after = store.transaction((tx) => tx.run(insert(3, 'c')), grouped);
        const [okOutcome, refusedOutcome, duplicateOutcome, afterOutcome] = await Promise.allSettled([ok, refused, duplicate, after]);
        expect([okOutcome.status, afterOutcome.status]).toEqual(['fulfilled', 'fulfilled']);
        expect(String((refusedOutcome as PromiseRejectedResult).reason)).toContain('refused after writing');
        expect(String((duplicateOutcome as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
        expect(db.prepare('SELECT k, v FROM t ORDER BY k').all()).toEqual([
            { k: 1, v: 'a' },
            { k: 3, v: 'c' },
        ]);
        expect(db.inTransaction).toBe(false);
        await store.close();
    });

    it('splits a burst larger than a batch and commits all of it', async () => {
        const { store } = freshStore();
        const n = MAX_GROUP_SIZE * 2 + 5;
        await Promise.all(Array.from({ length: n }, (_, k) => store.transaction((tx) => tx.run(insert(k, 'x')), { grouped: true })));
        expect(await store.one('SELECT COUNT(*) AS n FROM t')).toEqual({ n });
        await store.close();
    });

    it('fails every transaction of a batch whose commit fails, and leaves no transaction open', async () => {
        const { store, db } = freshStore();
        // A deferred foreign key is checked only at COMMIT, so the batch's commit itself fails.
        db.exec('CREATE TABLE child (p INTEGER REFERENCES t (k) DEFERRABLE INITIALLY DEFERRED)');
        const a = store.transaction((tx) => tx.run(insert(1, 'a')), { grouped: true });
        const b = store.transaction((tx) => tx.run('INSERT INTO child VALUES (42)'), { grouped: true });
        const outcomes = await Promise.allSettled([a, b]);
        for (const outcome of outcomes) {
            expect(outcome.status).toBe('rejected');
            expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
        }
        expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
        expect(db.inTransaction).toBe(false);
        await store.close();
    });
});

describe('SqliteStore transactions', () => {
    it('runs transactions one after another, never interleaved, even when their bodies await', async () => {
        const { store } = freshStore();
        const steps: string[] = [];
        const body = (name: string, k: number) => async (tx: Parameters<Parameters<SqliteStore['transaction']>[0]>[0]) => {
            steps.push(`${name} begins`);
            const before = await tx.one<{ n: number }>('SELECT COUNT(*) AS n FROM t');
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.run(insert(k + before!.n, name));
            steps.push(`${name} ends`);
        };
        await Promise.all([store.transaction(body('a', 10)), store.transaction(body('b', 20))]);
        expect(steps).toEqual(['a begins', 'a ends', 'b begins', 'b ends']);
        // b counted a's row: it began after a committed.
        expect(await store.all('SELECT k, v FROM t ORDER BY k')).toEqual([
            { k: 10, v: 'a' },
            { k: 21, v: 'b' },
        ]);
        await store.close();
    });

    it('makes a read outside the transaction wait for its end instead of seeing its rows early', async () => {
        const { store } = freshStore();
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const writing = store.transaction(async (tx) => {
            await tx.run(insert(1, 'a'));
            await held;
            throw new Error('rolled back');
        });
        await new Promise((resolve) => setImmediate(resolve));
        const read = store.one('SELECT COUNT(*) AS n FROM t');
        release();
        await expect(writing).rejects.toThrow('rolled back');
        expect(await read).toEqual({ n: 0 });
        await store.close();
    });
});
