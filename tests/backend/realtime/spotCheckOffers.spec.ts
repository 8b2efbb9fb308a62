// Known-answer spot checks on the WebSocket offer stream: a device whose wallet is not established gets one right
// after a real offer, in the same frame shape and the same offer sequence; nobody else ever sees it; a wrong answer
// costs the wallet trust at once, so a lying identity is gated out before it reaches a real majority.
import { initialTrust } from '../../../backend/src/domain';
import { saveTrust } from '../../../backend/src/devices/devices';
import { addSpotCheck } from '../../../backend/src/tasks/spotChecks';
import { FRESH_SCORE } from '../service/serviceSteps';
import { realtimeFixture, RealtimeFixture } from './realtimeFixture';
import { Frame } from './wsClient';

const isKnownAnswer = (offer: Frame) => /^k\d+$/.test(offer.task.input?.text ?? '');

describe('spot checks on the live offer stream (SPOT_CHECK_FRACTION=1)', () => {
    let f: RealtimeFixture;
    beforeEach(async () => {
        f = await realtimeFixture({ SPOT_CHECK_FRACTION: '1' });
        for (let i = 1; i <= 3; i++) {
            await f.ctx.store.transaction((tx) => addSpotCheck(tx, { operation: 'hash', input: { text: `k${i}` }, output: { digest: `k${i}` } }, f.ctx.nowMs()));
        }
    });
    afterEach(async () => f.close());

    it('follows a real offer to an unestablished device, shaped and numbered like a real one, and only to it', async () => {
        const liar = await f.worker('liar');
        const veteran = await f.worker('veteran');
        // An established record, as many valid results would leave it.
        await saveTrust(f.ctx.store, veteran.deviceId, { ...initialTrust(), accuracyAlpha: 60, accuracyBeta: 1 });
        const [l, v] = [await f.connect(liar), await f.connect(veteran)];

        const task = await f.openTask({ min_trust_score: 0 });
        const real = await l.next('offer');
        const check = await l.next('offer');
        expect(real.task.task_id).toBe(task.task_id);
        expect(isKnownAnswer(check)).toBe(true);
        // Nothing in the frame tells them apart: the same fields, the next number in the same sequence, the same terms.
        expect(Object.keys(check).sort()).toEqual(Object.keys(real).sort());
        expect(Object.keys(check.task).sort()).toEqual(Object.keys(real.task).sort());
        expect(check.seq).toBeGreaterThan(real.seq);
        expect(check.task).toMatchObject({ operation: real.task.operation, reward_per_result: real.task.reward_per_result, status: 'open' });

        // The established wallet got the real offer alone, live and by replay.
        expect((await v.next('offer')).task.task_id).toBe(task.task_id);
        v.send({ type: 'replay', since: 0 });
        expect(await v.next('replayed')).toMatchObject({ count: 1 });
        await v.sync();
        expect(v.offers().filter(isKnownAnswer)).toEqual([]);
    });

    it('a wrong answer costs the wallet trust at once, and gates it out of real tasks before any majority', async () => {
        const liar = await f.worker('liar');
        const l = await f.connect(liar);
        await f.openTask({ min_trust_score: 0 });
        await l.next('offer');
        const check = await l.next('offer');
        l.send({ type: 'claim', task_id: check.task.task_id });
        await l.next('claimed');
        l.send({ type: 'result', task_id: check.task.task_id, output: { digest: 'made up' } });
        expect(await l.next('result_accepted')).toMatchObject({ verdict: 'invalid', payout_ready: false });
        const trust = await l.next('trust');
        expect(trust.trust.score).toBeLessThan(FRESH_SCORE);

        // A real task open to fresh identities is no longer offered to it, live or by replay, and it cannot claim it.
        const gated = await f.openTask({ min_trust_score: FRESH_SCORE });
        l.send({ type: 'replay', since: 0 });
        await l.next('replayed');
        await l.sync();
        expect(l.offers().filter((o) => o.task.task_id === gated.task_id)).toEqual([]);
        l.send({ type: 'claim', task_id: gated.task_id, request_id: 'c1' });
        expect(await l.next('error')).toMatchObject({ code: 'TRUST_TOO_LOW', request_id: 'c1' });
    });

    it('issues at most one unclaimed spot check per wallet, however many offers come', async () => {
        const fresh = await f.worker('fresh');
        const c = await f.connect(fresh);
        for (let i = 0; i < 3; i++) await f.openTask({ min_trust_score: 0, input: { text: `real ${i}` } });
        const all: Frame[] = [];
        for (let i = 0; i < 3; i++) all.push(await c.next('offer'));
        await c.sync();
        all.push(...c.offers());
        c.frames.length = 0;
        c.send({ type: 'replay', since: 0 });
        await c.next('replayed');
        await c.sync();
        const known = [...all, ...c.offers()].filter(isKnownAnswer).map((o) => o.task.task_id);
        expect(new Set(known).size).toBe(1);
    });
});
