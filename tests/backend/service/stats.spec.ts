// GET /api/v1/stats: the operator's numbers come from the store and the hub, and move with what happens.
import { Value } from '@sinclair/typebox/value';
import { ServiceStats } from '../../../protocol';
import { RESULTS_BUCKET_MS, RESULTS_WINDOW_MS } from '../../../backend/src/stats/serviceStats';
import { serviceFixture, ServiceFixture } from './serviceFixture';

describe('service stats', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    async function stats(token: string): Promise<ServiceStats> {
        const res = await f.api('GET', '/api/v1/stats', token);
        expect(res.status).toBe(200);
        expect(Value.Check(ServiceStats, res.body)).toBe(true);
        return res.body;
    }

    it('needs a session', async () => {
        f = await serviceFixture();
        expect((await f.api('GET', '/api/v1/stats')).status).toBe(401);
    });

    it('an empty service shows zeros and a five-minute timeline', async () => {
        f = await serviceFixture();
        const s = await stats(f.requesterToken);
        expect(s.devices).toEqual({ connected: 0, registered: 0 });
        expect(s.tasks).toEqual({ awaiting_escrow: 0, open: 0, validating: 0, validated: 0, failed: 0, expired: 0 });
        expect(s.results.per_second).toBe(0);
        expect(s.results.timeline).toHaveLength(RESULTS_WINDOW_MS / RESULTS_BUCKET_MS);
        expect(s.intents).toEqual({ issued: 0, paid: 0, paid_amount: '0' });
        expect(s.chain_watch).toMatchObject({ last_round_at_ms: null, lag_ms: null, awaiting_escrow: 0, unpaid_intents: 0 });
        expect(s.trust.map((b) => b.devices)).toEqual(new Array(10).fill(0));
    });

    it('follows a task from funding to a paid claim', async () => {
        f = await serviceFixture();
        await f.createTask();
        expect((await stats(f.requesterToken)).tasks.awaiting_escrow).toBe(1);

        const task = await f.openTask();
        const [a, b, c] = [await f.worker('alice'), await f.worker('bob'), await f.worker('carol')];
        let s = await stats(f.requesterToken);
        expect(s.tasks).toMatchObject({ awaiting_escrow: 1, open: 1 });
        expect(s.queue.free_slots).toBe(3);
        expect(s.devices.registered).toBe(3);
        // Fresh identities all score the same.
        expect(s.trust.reduce((n, bucket) => n + bucket.devices, 0)).toBe(3);
        expect(s.trust.filter((bucket) => bucket.devices > 0)).toHaveLength(1);

        for (const w of [a, b, c]) await f.claim(w, task.task_id);
        expect((await stats(f.requesterToken)).queue.free_slots).toBe(0);
        for (const w of [a, b, c]) await f.submit(w, task.task_id, { digest: 'same' });
        s = await stats(f.requesterToken);
        expect(s.tasks).toMatchObject({ validated: 1, open: 0 });
        expect(s.results.per_second).toBeCloseTo(3 / 60);
        expect(s.results.timeline.at(-1)!.results).toBe(3);

        const intent = (await f.intent(a, task.task_id)).body;
        expect((await stats(f.requesterToken)).intents).toEqual({ issued: 1, paid: 0, paid_amount: '0' });
        expect((await stats(f.requesterToken)).chain_watch.unpaid_intents).toBe(1);
        await f.sendFrom(a.wallet, intent.transaction);
        const { watchChainOnce } = await import('../../../backend/src/service/background');
        await watchChainOnce(f.ctx);
        s = await stats(f.requesterToken);
        expect(s.intents).toEqual({ issued: 1, paid: 1, paid_amount: task.reward_per_result });
        expect(s.chain_watch.unpaid_intents).toBe(0);

        // A minute later the rate has decayed; the timeline still holds them until five minutes have passed.
        f.advance(61);
        s = await stats(f.requesterToken);
        expect(s.results.per_second).toBe(0);
        expect(s.results.timeline.reduce((n, bucket) => n + bucket.results, 0)).toBe(3);
    });

    it("reports the chain watch's last round and its lag", async () => {
        f = await serviceFixture();
        const at = f.ctx.nowMs();
        f.ctx.events.emit('chainWatched', at);
        f.advance(7);
        const s = await stats(f.requesterToken);
        expect(s.chain_watch).toMatchObject({ last_round_at_ms: at, lag_ms: 7000 });
    });
});
