// Cursor pagination of GET /api/v1/tasks and GET /api/v1/payouts: walking every page sees each item once, even
// when items are added between page requests; a cursor the service did not hand out for that list is 400
// BAD_CURSOR; and a page is found through an index, not by skipping rows.
import { Address } from '@ton/core';
import { encodeCursor } from '../../../backend/src/service/pageCursor';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { sqliteOf } from '../../helpers/sqliteOf';

describe('cursor pagination', () => {
    let f: ServiceFixture;
    beforeEach(async () => (f = await serviceFixture()));
    afterEach(async () => f.close());

    async function createdTask(): Promise<string> {
        const res = await f.createTask();
        expect(res.status).toBe(201);
        return res.body.task_id;
    }

    /** Every page of `path` with `limit` items a page; `between` runs after each page but the last. */
    async function walk(path: string, token: string, key: 'tasks' | 'payouts', limit: number, between: () => Promise<void> = async () => {}) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
            const query: string = `limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`;
            const res = await f.api('GET', `${path}?${query}`, token);
            expect(res.status).toBe(200);
            expect(res.body[key].length).toBeLessThanOrEqual(limit);
            seen.push(...res.body[key].map((item: { task_id: string }) => item.task_id));
            cursor = res.body.next_cursor;
            pages++;
            if (cursor !== null) await between();
        } while (cursor !== null);
        return { seen, pages };
    }

    it('walks all tasks, newest first, each once, while new tasks are created between pages', async () => {
        // Three share one millisecond (the fixture's clock stands still), so the id orders them.
        const before: string[] = [];
        for (let i = 0; i < 7; i++) {
            if (i >= 3) f.advance(1);
            before.push(await createdTask());
        }
        const added: string[] = [];
        const { seen, pages } = await walk('/api/v1/tasks', f.requesterToken, 'tasks', 3, async () => {
            f.advance(1);
            added.push(await createdTask());
        });
        expect(pages).toBe(3);
        expect(new Set(seen).size).toBe(seen.length);
        // Tasks created during the walk are newer than every cursor, so they belong before the pages already read.
        expect([...seen].sort()).toEqual([...before].sort());
        const all = await f.api('GET', '/api/v1/tasks?limit=100', f.requesterToken);
        expect(all.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual([...added.reverse(), ...seen]);
        expect(all.body.next_cursor).toBeNull();
    });

    it('a list that fits one page has no next cursor', async () => {
        await createdTask();
        const res = await f.api('GET', '/api/v1/tasks?limit=1', f.requesterToken);
        expect(res.body).toMatchObject({ tasks: [expect.anything()], next_cursor: null });
        const empty = await f.api('GET', '/api/v1/tasks', await f.sessionOf(f.owner.address));
        expect(empty.body).toEqual({ tasks: [], next_cursor: null });
    });

    it("walks a wallet's payouts, each once, while more tasks are validated between pages", async () => {
        const w = await f.worker('ada');
        const wallet = w.wallet.address;
        const decided: string[] = [];
        for (let i = 0; i < 5; i++) {
            if (i % 2 === 0) f.advance(1);
            decided.push(validatedFor(await createdTask(), w.deviceId, wallet));
        }
        const { seen, pages } = await walk('/api/v1/payouts', w.token, 'payouts', 2, async () => {
            f.advance(1);
            validatedFor(await createdTask(), w.deviceId, wallet);
        });
        expect(pages).toBe(3);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual([...decided].sort());
    });

    /** Marks the task validated now with a valid result of the device: what the payout list reads. */
    function validatedFor(taskId: string, deviceId: string, wallet: Address): string {
        const db = sqliteOf(f.ctx);
        db.prepare("UPDATE tasks SET status = 'validated', updated_at = ? WHERE id = ?").run(f.now() * 1000, taskId);
        db.prepare(
            `INSERT INTO results (task_id, device_id, wallet, result_hash, output, turnaround_ms, received_at_ms, verdict)
             VALUES (?, ?, ?, 'h', '{}', 1, ?, 'valid')`,
        ).run(taskId, deviceId, wallet.toRawString(), f.now() * 1000);
        return taskId;
    }

    it('refuses a cursor it did not hand out for that list as 400 BAD_CURSOR', async () => {
        for (let i = 0; i < 3; i++) await createdTask();
        const first = await f.api('GET', '/api/v1/tasks?limit=1', f.requesterToken);
        const good: string = first.body.next_cursor;
        const [sortKey, id] = Buffer.from(good, 'base64url').toString().split(':').slice(1);
        const malformed = [
            'not-a-cursor',
            '%25%25',
            good.slice(0, -2),
            `${good}AA`,
            'x'.repeat(200),
            Buffer.from('tasks:1:2:3').toString('base64url'),
            Buffer.from(`tasks:-1:${id}`).toString('base64url'),
            Buffer.from(`tasks:0${sortKey}:${id}`).toString('base64url'),
            Buffer.from(`tasks:${'9'.repeat(17)}:${id}`).toString('base64url'),
            // Another list's cursor, for the same position.
            encodeCursor('payouts', { sortKey: Number(sortKey), id }),
        ];
        for (const cursor of malformed) {
            const res = await f.api('GET', `/api/v1/tasks?cursor=${cursor}`, f.requesterToken);
            expect([cursor, res.status, res.body.error?.code]).toEqual([cursor, 400, 'BAD_CURSOR']);
        }
        const payouts = await f.api('GET', `/api/v1/payouts?cursor=${good}`, f.requesterToken);
        expect([payouts.status, payouts.body.error.code]).toEqual([400, 'BAD_CURSOR']);
        const tooLong = await f.api('GET', `/api/v1/tasks?cursor=${'x'.repeat(300)}`, f.requesterToken);
        expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'BAD_REQUEST']);
        expect((await f.api('GET', `/api/v1/tasks?cursor=${good}&limit=5`, f.requesterToken)).body.tasks).toHaveLength(2);
    });

    it("finds a page of a requester's tasks through the requester index, from the cursor on", async () => {
        const plan = (sqliteOf(f.ctx).prepare(
            `EXPLAIN QUERY PLAN SELECT * FROM tasks WHERE requester = ? AND spot_check_id IS NULL AND (created_at, id) < (?, ?)
             ORDER BY created_at DESC, id DESC LIMIT ?`,
        ).all('0:' + '1'.repeat(64), 1, '1', 10) as Array<{ detail: string }>).map((row) => row.detail).join('; ');
        expect(plan).toMatch(/USING INDEX tasks_by_requester \(requester=\? AND /);
        expect(plan).not.toMatch(/TEMP B-TREE/);
    });
});
