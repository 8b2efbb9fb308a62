// Two nodes of one service on one PostgreSQL, handling the same task at the same moment: the database decides.
// Each case sends the racing requests to both nodes at once, many times over, and checks what the rules promise:
// no more slots than open, exactly one decision, one intent per executor, every trust update counted.
import { toNano } from '@ton/core';
import { initialEntropy, initialTrust, updateEntropy, updateTrust } from '../../../backend/src/domain';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { claimAll, workers } from '../service/serviceSteps';
import { freshPostgresDatabase, stopTestPostgres } from '../../helpers/testStore';

type Node = Awaited<ReturnType<ServiceFixture['anotherNode']>>;

describe('two nodes on one PostgreSQL', () => {
    let f: ServiceFixture;
    let b: Node;
    beforeEach(async () => {
        f = await serviceFixture({ DATABASE_URL: await freshPostgresDatabase() });
        b = await f.anotherNode();
    });
    afterEach(async () => {
        await b.close();
        await f.close();
    });
    afterAll(() => stopTestPostgres(), 60_000);

    /** The node a request goes to: even ones to the fixture's own app, odd ones to the other node. */
    const apiOf = (i: number) => (i % 2 === 0 ? f.api : b.api);

    it('gives out no more slots than the task has, whichever node takes each claim', async () => {
        const ws = await workers(f, ['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7']);
        const task = await f.openTask({ redundancy: 3 });
        const answers = await Promise.all(
            ws.map((w, i) => apiOf(i)('POST', `/api/v1/tasks/${task.task_id}/claim`, w.token, { device_id: w.deviceId })),
        );
        expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
        for (const refused of answers.filter((a) => a.status !== 200)) {
            expect([refused.status, refused.body.error.code]).toEqual([409, expect.stringMatching(/^(NO_SLOT_FREE|TASK_NOT_OPEN)$/)]);
        }
        expect(await f.ctx.store.one("SELECT COUNT(*) AS n FROM assignments WHERE task_id = ? AND status = 'active'", task.task_id)).toEqual({ n: 3 });
    });

    it('decides a task exactly once when its last results reach both nodes together', async () => {
        const rounds = 4;
        const ws = await workers(f, ['a', 'b', 'c']);
        for (let round = 0; round < rounds; round++) {
            const task = await f.openTask({ redundancy: 3, input: { text: `round ${round}` } });
            await claimAll(f, ws, task.task_id);
            const payoutsReady: string[] = [];
            for (const ctx of [f.ctx, b.ctx]) ctx.events.on('payoutReady', (taskId, deviceId) => taskId === task.task_id && payoutsReady.push(deviceId));
            const answers = await Promise.all(
                ws.map((w, i) => apiOf(i + round)('POST', `/api/v1/tasks/${task.task_id}/results`, w.token, { device_id: w.deviceId, output: { digest: 'x' } })),
            );
            expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
            // Exactly one submission made the decision, and it made every result payable, each once.
            expect(answers.filter((a) => a.body.payout_ready)).toHaveLength(1);
            expect(payoutsReady.sort()).toEqual(ws.map((w) => w.deviceId).sort());
            expect((await f.ctx.store.one<{ status: string }>('SELECT status FROM tasks WHERE id = ?', task.task_id))!.status).toBe('validated');
        }
        // One decision per task: the operation's entropy counted `rounds` agreements, no more, no fewer.
        let expected = initialEntropy();
        for (let i = 0; i < rounds; i++) expected = updateEntropy(expected, 'agreement');
        const entropy = await f.ctx.store.one<{ decisions: number; collisions: number }>('SELECT decisions, collisions FROM entropy WHERE operation = ?', 'hash');
        expect(entropy!.decisions).toBeCloseTo(expected.decisions, 12);
        expect(entropy!.collisions).toBe(0);
        // One trust update per verdict: each worker's wallet took `rounds` valid verdicts.
        for (const w of ws) {
            const trust = (await f.api('GET', `/api/v1/devices/${w.deviceId}`, w.token)).body.trust;
            const fresh = (await f.ctx.store.one<{ accuracy_alpha: number }>('SELECT accuracy_alpha FROM devices WHERE id = ?', w.deviceId))!;
            expect(trust.accuracy_alpha).toBe(fresh.accuracy_alpha);
        }
        const alphas = await f.ctx.store.all<{ accuracy_alpha: number }>('SELECT accuracy_alpha FROM wallet_trust ORDER BY wallet');
        const first = alphas[0].accuracy_alpha;
        expect(alphas.every((row) => row.accuracy_alpha === first)).toBe(true);
    });

    it('counts every trust update when two tasks sharing workers are decided at once on two nodes', async () => {
        const ws = await workers(f, ['a', 'b', 'c']);
        const alphaBefore = await walletAlphas(ws.map((w) => w.wallet.address.toRawString()));
        const tasks = [await f.openTask({ input: { text: 'one' } }), await f.openTask({ input: { text: 'two' } })];
        for (const task of tasks) await claimAll(f, ws, task.task_id);
        // Both tasks' results arrive together, each task's on both nodes: six updates of three wallets.
        await Promise.all(
            tasks.flatMap((task, t) =>
                ws.map((w, i) => apiOf(i + t)('POST', `/api/v1/tasks/${task.task_id}/results`, w.token, { device_id: w.deviceId, output: { digest: 'x' } })),
            ),
        );
        const alphaAfter = await walletAlphas(ws.map((w) => w.wallet.address.toRawString()));
        // Each valid verdict adds one to the wallet's alpha (after forgetting, which is < 1 per step): two verdicts
        // raise it by more than one; a lost update would leave it at one step.
        for (const [wallet, before] of alphaBefore) {
            const oneStep = oneValidStep(before);
            expect(alphaAfter.get(wallet)!).toBeGreaterThan(oneStep + 0.5);
        }
    });

    it('issues one intent per executor when it is asked for on both nodes at once', async () => {
        const ws = await workers(f, ['a', 'b', 'c']);
        const task = await f.openTask({ budget: toNano('3').toString() });
        await claimAll(f, ws, task.task_id);
        for (const w of ws) await f.submit(w, task.task_id, { digest: 'x' });
        const [w] = ws;
        const body = { task_id: task.task_id, executor_address: w.wallet.address.toString() };
        const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => apiOf(i)('POST', '/api/v1/payments/payout-intent', w.token, body)));
        expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
        expect(new Set(answers.map((a) => a.body.payload_comment)).size).toBe(1);
        expect(await f.ctx.store.all('SELECT executor FROM payout_intents WHERE task_id = ?', task.task_id)).toHaveLength(1);
    });

    it('opens a task once when both nodes confirm its escrow together', async () => {
        const created = await f.createTask();
        await f.sendFrom(f.requester, created.body.funding_transaction);
        const openings: string[] = [];
        for (const ctx of [f.ctx, b.ctx]) ctx.events.on('task', (id, status) => status === 'open' && openings.push(id));
        const url = `/api/v1/tasks/${created.body.task_id}/confirm-escrow`;
        const answers = await Promise.all([0, 1, 2, 3].map((i) => apiOf(i)('POST', url, f.requesterToken)));
        expect(answers.map((a) => [a.status, a.body.status])).toEqual(Array(4).fill([200, 'open']));
        // One opening committed (so one queued offer), whichever node's confirmation came first.
        expect(openings).toEqual([created.body.task_id]);
    });

    async function walletAlphas(wallets: string[]): Promise<Map<string, number>> {
        const alphas = new Map<string, number>();
        for (const wallet of wallets) {
            const row = await f.ctx.store.one<{ accuracy_alpha: number }>('SELECT accuracy_alpha FROM wallet_trust WHERE wallet = ?', wallet);
            alphas.set(wallet, row?.accuracy_alpha ?? Number.NaN);
        }
        return alphas;
    }

    /** A wallet's alpha after one valid verdict from `before` (the prior when it has no record yet). */
    function oneValidStep(before: number): number {
        const start = Number.isNaN(before) ? initialTrust() : { ...initialTrust(), accuracyAlpha: before };
        return updateTrust(start, { kind: 'valid', turnaroundMs: 0 }).accuracyAlpha;
    }
});
