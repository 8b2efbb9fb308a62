// The service's metrics move with what happens, by the right amounts, and agree with GET /api/v1/stats.
import { watchChainOnce } from '../../../backend/src/service/background';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { claimAll, workers } from '../service/serviceSteps';
import { Exposition, scrape, valueOf } from './scrape';

describe('metrics follow the service', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    /** What changed between two scrapes, for the given series. */
    function delta(before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}): number {
        return (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
    }

    it('a task from creation to a paid claim moves tasks, results, verdicts, decisions, intents and claims', async () => {
        f = await serviceFixture();
        const m0 = await scrape(f);
        await f.createTask();
        const m1 = await scrape(f);
        expect(delta(m0, m1, 'gstd_tasks', { status: 'awaiting_escrow' })).toBe(1);

        const task = await f.openTask();
        const m2 = await scrape(f);
        expect(delta(m1, m2, 'gstd_tasks', { status: 'awaiting_escrow' })).toBe(0);
        expect(delta(m1, m2, 'gstd_tasks', { status: 'open' })).toBe(1);

        const [a, b, c] = await workers(f, ['alice', 'bob', 'carol']);
        await claimAll(f, [a, b, c], task.task_id);
        await f.submit(a, task.task_id, { digest: 'same' });
        await f.submit(b, task.task_id, { digest: 'same' });
        const m3 = await scrape(f);
        // Two results in, none judged yet, no round ended.
        expect(delta(m2, m3, 'gstd_results_received_total')).toBe(2);
        expect(delta(m2, m3, 'gstd_result_verdicts_total', { verdict: 'valid' })).toBe(0);
        expect(valueOf(m3, 'gstd_consensus_decisions_total', { operation: 'hash' })).toBeUndefined();

        await f.submit(c, task.task_id, { digest: 'other' });
        const m4 = await scrape(f);
        expect(delta(m3, m4, 'gstd_results_received_total')).toBe(1);
        expect(delta(m3, m4, 'gstd_result_verdicts_total', { verdict: 'valid' })).toBe(2);
        expect(delta(m3, m4, 'gstd_result_verdicts_total', { verdict: 'invalid' })).toBe(1);
        expect(valueOf(m4, 'gstd_consensus_decisions_total', { operation: 'hash' })).toBe(1);
        expect(valueOf(m4, 'gstd_consensus_collisions_total', { operation: 'hash' })).toBe(0);
        expect(delta(m3, m4, 'gstd_tasks', { status: 'validated' })).toBe(1);
        // The two valid devices rose out of the fresh score's bucket; the invalid one stayed below it.
        expect(delta(m3, m4, 'gstd_devices_by_trust_score', { from: '0.1', to: '0.2' })).toBe(-2);
        const devices = (m: Exposition) => m.samples.filter((s) => s.name === 'gstd_devices_by_trust_score').reduce((n, s) => n + s.value, 0);
        expect([devices(m3), devices(m4)]).toEqual([3, 3]);

        const intent = (await f.intent(a, task.task_id)).body;
        await f.intent(a, task.task_id);
        const m5 = await scrape(f);
        expect(delta(m4, m5, 'gstd_payout_intents_issued_total')).toBe(1);
        expect(delta(m4, m5, 'gstd_payout_intents_paid_total')).toBe(0);

        await f.sendFrom(a.wallet, intent.transaction);
        await watchChainOnce(f.ctx);
        const m6 = await scrape(f);
        expect(delta(m5, m6, 'gstd_payout_intents_paid_total')).toBe(1);
        expect(delta(m5, m6, 'gstd_chain_claims_seen_total')).toBe(1);
        // Seen once: the next round finds nothing new.
        await watchChainOnce(f.ctx);
        expect(delta(m6, await scrape(f), 'gstd_chain_claims_seen_total')).toBe(0);
    });

    it('a collision counts as a round and a collision of its operation; a failed task leaves its results unjudged', async () => {
        f = await serviceFixture();
        const task = await f.openTask({ redundancy: 2, budget: '4000' });
        const ws = await workers(f, ['alice', 'bob', 'carol', 'dave']);
        await claimAll(f, ws.slice(0, 2), task.task_id);
        await f.submit(ws[0], task.task_id, { digest: 'a' });
        await f.submit(ws[1], task.task_id, { digest: 'b' });
        let m = await scrape(f);
        expect(valueOf(m, 'gstd_consensus_decisions_total', { operation: 'hash' })).toBe(1);
        expect(valueOf(m, 'gstd_consensus_collisions_total', { operation: 'hash' })).toBe(1);

        // max_results is 4: two more disagreeing results fail the task at the cap.
        for (const [i, w] of ws.slice(2).entries()) {
            expect((await f.claim(w, task.task_id)).status).toBe(200);
            expect((await f.submit(w, task.task_id, { digest: `c${i}` })).status).toBe(200);
        }
        m = await scrape(f);
        expect(valueOf(m, 'gstd_tasks', { status: 'failed' })).toBe(1);
        expect(valueOf(m, 'gstd_consensus_decisions_total', { operation: 'hash' })).toBe(3);
        expect(valueOf(m, 'gstd_consensus_collisions_total', { operation: 'hash' })).toBe(3);
        expect(valueOf(m, 'gstd_result_verdicts_total', { verdict: 'unjudged' })).toBe(4);
        expect(valueOf(m, 'gstd_results_received_total')).toBe(4);
    });

    it('the chain-watch lag counts from the last round, and from the start before the first', async () => {
        f = await serviceFixture();
        f.advance(5);
        expect(valueOf(await scrape(f), 'gstd_chain_watch_lag_seconds')).toBe(5);
        f.ctx.events.emit('chainWatched', f.ctx.nowMs());
        f.advance(7);
        expect(valueOf(await scrape(f), 'gstd_chain_watch_lag_seconds')).toBe(7);
    });

    it('the numbers both views report agree with GET /api/v1/stats', async () => {
        f = await serviceFixture();
        await f.createTask();
        const task = await f.openTask();
        const ws = await workers(f, ['alice', 'bob', 'carol']);
        await claimAll(f, ws, task.task_id);
        for (const w of ws) await f.submit(w, task.task_id, { digest: 'same' });
        await f.intent(ws[0], task.task_id);
        f.ctx.events.emit('chainWatched', f.ctx.nowMs());
        f.advance(3);

        const stats = (await f.api('GET', '/api/v1/stats', f.requesterToken)).body;
        const m = await scrape(f);
        for (const [status, n] of Object.entries(stats.tasks)) expect([status, valueOf(m, 'gstd_tasks', { status })]).toEqual([status, n]);
        expect(valueOf(m, 'gstd_payout_intents_issued_total')).toBe(stats.intents.issued);
        expect(valueOf(m, 'gstd_payout_intents_paid_total')).toBe(stats.intents.paid);
        expect(valueOf(m, 'gstd_queue_outbox')).toBe(stats.queue.outbox);
        expect(valueOf(m, 'gstd_websocket_connections')).toBe(stats.devices.connected);
        expect(valueOf(m, 'gstd_chain_watch_lag_seconds')).toBe(stats.chain_watch.lag_ms / 1000);
        for (const bucket of stats.trust) {
            expect(valueOf(m, 'gstd_devices_by_trust_score', { from: String(bucket.from), to: String(bucket.to) })).toBe(bucket.devices);
        }
    });
});
