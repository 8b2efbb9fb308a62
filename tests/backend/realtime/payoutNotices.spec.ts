// The payout reaches the worker without polling: the decision pushes payout_ready to each device whose result it
// made valid (and the deciding receipt says so), the chain's payment pushes payout_paid to the wallet's devices,
// and a trust change reaches every connected device of the wallet. Everything is sent after the COMMIT.
import { watchChainOnce } from '../../../backend/src/service/background';
import { realtimeFixture, RealtimeFixture } from './realtimeFixture';
import { TestClient } from './wsClient';
import { sqliteOf } from '../../helpers/sqliteOf';

describe('payout and trust notices over the hub', () => {
    let f: RealtimeFixture;
    beforeEach(async () => (f = await realtimeFixture()));
    afterEach(async () => f.close());

    /** Three workers connected, a redundancy-3 task claimed by all over the socket. */
    async function claimedTask() {
        const workers = [await f.worker('a'), await f.worker('b'), await f.worker('liar')];
        const clients = [] as TestClient[];
        for (const w of workers) clients.push(await f.connect(w));
        const task = await f.openTask();
        for (const c of clients) {
            await c.next('offer');
            c.send({ type: 'claim', task_id: task.task_id });
            await c.next('claimed');
        }
        return { workers, clients, task };
    }

    it('pushes payout_ready to the majority only, and the deciding receipt says payout_ready', async () => {
        const { clients, task } = await claimedTask();
        // Every event listener runs after the COMMIT: the writer is out of its transaction by then.
        const inTransactionAtEvent: boolean[] = [];
        f.ctx.events.on('task', () => inTransactionAtEvent.push(sqliteOf(f.ctx).inTransaction));
        f.ctx.events.on('payoutReady', () => inTransactionAtEvent.push(sqliteOf(f.ctx).inTransaction));

        clients[0].send({ type: 'result', task_id: task.task_id, output: { h: 'right' } });
        expect(await clients[0].next('result_accepted')).toMatchObject({ verdict: null, payout_ready: false });
        clients[2].send({ type: 'result', task_id: task.task_id, output: { h: 'wrong' } });
        expect(await clients[2].next('result_accepted')).toMatchObject({ verdict: null, payout_ready: false });
        clients[1].send({ type: 'result', task_id: task.task_id, output: { h: 'right' } });
        expect(await clients[1].next('result_accepted')).toMatchObject({ verdict: 'valid', task_status: 'validated', payout_ready: true });

        for (const c of [clients[0], clients[1]]) {
            expect(await c.next('payout_ready')).toEqual({
                type: 'payout_ready',
                task_id: task.task_id,
                device_id: expect.any(String),
                amount: task.reward_per_result,
            });
        }
        await clients[2].sync();
        expect(clients[2].frames.filter((fr) => fr.type === 'payout_ready')).toEqual([]);
        expect(inTransactionAtEvent.length).toBeGreaterThanOrEqual(3);
        expect(inTransactionAtEvent.every((inside) => !inside)).toBe(true);
    });

    it('the HTTP receipt of the deciding result says payout_ready; a repeated submission does not', async () => {
        const { workers, clients, task } = await claimedTask();
        await f.submit(workers[0], task.task_id, { h: 'right' });
        await f.submit(workers[2], task.task_id, { h: 'wrong' });
        const deciding = await f.submit(workers[1], task.task_id, { h: 'right' });
        expect(deciding.body).toMatchObject({ verdict: 'valid', payout_ready: true });
        const again = await f.submit(workers[1], task.task_id, { h: 'right' });
        expect(again.body).toMatchObject({ verdict: 'valid', payout_ready: false });
        const loser = await f.submit(workers[2], task.task_id, { h: 'wrong' });
        expect(loser.body).toMatchObject({ verdict: 'invalid', payout_ready: false });
        expect((await clients[1].next('payout_ready')).task_id).toBe(task.task_id);
    });

    it('pushes payout_paid to every device of the wallet once the chain shows the claim', async () => {
        const { workers, clients, task } = await claimedTask();
        const secondDevice = await f.api('POST', '/api/v1/devices', workers[0].token, { name: 'a-phone', capabilities: ['hash'] });
        const phone = await f.connect({ token: workers[0].token, deviceId: secondDevice.body.id });
        await f.submit(workers[0], task.task_id, { h: 'right' });
        await f.submit(workers[1], task.task_id, { h: 'right' });
        await f.submit(workers[2], task.task_id, { h: 'wrong' });
        const intent = await f.intent(workers[0], task.task_id);
        expect(intent.status).toBe(200);
        await f.sendFrom(workers[0].wallet, intent.body.transaction);
        expect((await watchChainOnce(f.ctx)).claimsSeen).toBe(1);

        for (const c of [clients[0], phone]) {
            expect(await c.next('payout_paid')).toEqual({
                type: 'payout_paid',
                task_id: task.task_id,
                amount: task.reward_per_result,
                tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
            });
        }
        // Seen once: the next watch records nothing new and pushes nothing.
        expect((await watchChainOnce(f.ctx)).claimsSeen).toBe(0);
        await clients[0].sync();
        expect(clients[0].frames.filter((fr) => fr.type === 'payout_paid')).toEqual([]);
        await clients[1].sync();
        expect(clients[1].frames.filter((fr) => fr.type === 'payout_paid')).toEqual([]);
    });

    it('tells every connected device of a wallet its new trust when one of them is judged', async () => {
        const { workers, clients, task } = await claimedTask();
        const secondDevice = await f.api('POST', '/api/v1/devices', workers[2].token, { name: 'liar-phone', capabilities: ['hash'] });
        const phone = await f.connect({ token: workers[2].token, deviceId: secondDevice.body.id });
        const before = (await f.api('GET', `/api/v1/devices/${secondDevice.body.id}`, workers[2].token)).body.trust;
        await f.submit(workers[0], task.task_id, { h: 'right' });
        await f.submit(workers[1], task.task_id, { h: 'right' });
        await f.submit(workers[2], task.task_id, { h: 'wrong' });
        await clients[2].next('trust');
        // The phone did nothing, but its wallet's accuracy fell: it acts with the new record, and is told so.
        const told = await phone.next('trust');
        expect(told.trust.accuracy_beta).toBeGreaterThan(before.accuracy_beta);
        expect(told.trust.score).toBeLessThan(before.score);
        expect(f.hub.connectionOf(secondDevice.body.id)!.trustScore).toBeCloseTo(told.trust.score, 10);
    });
});
