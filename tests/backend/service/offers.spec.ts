// Offers follow the claim rules: capability, current trust, one slot per device and per wallet, open tasks only.
import { initialTrust, trustScore } from '../../../backend/src/domain';
import { serviceFixture, ServiceFixture } from './serviceFixture';

describe('GET /api/v1/offers', () => {
    let f: ServiceFixture;
    beforeEach(async () => (f = await serviceFixture()));
    afterEach(async () => f.close());

    async function offerIds(w: { token: string; deviceId: string }): Promise<string[]> {
        const res = await f.api('GET', `/api/v1/offers?device_id=${w.deviceId}`, w.token);
        expect(res.status).toBe(200);
        return res.body.offers.map((o: { task_id: string }) => o.task_id);
    }

    it('lists open tasks the device can run and is trusted enough for, and drops what it claimed', async () => {
        const fresh = trustScore(initialTrust());
        const easy = await f.openTask();
        const strict = await f.openTask({ min_trust_score: fresh + 0.01 });
        const other = await f.openTask({ operation: 'sieve' });
        const unfunded = (await f.createTask()).body;
        const w = await f.worker('w1');
        expect(await offerIds(w)).toEqual([easy.task_id]);
        expect(strict.status).toBe('open');
        expect(other.status).toBe('open');
        expect(unfunded.status).toBe('awaiting_escrow');

        expect((await f.claim(w, easy.task_id)).status).toBe(200);
        expect(await offerIds(w)).toEqual([]);
    });

    it('another device of the same wallet is not offered a task its wallet already holds', async () => {
        const task = await f.openTask();
        const w = await f.worker('w2');
        const second = await f.api('POST', '/api/v1/devices', w.token, { name: 'second', capabilities: ['hash'] });
        expect(await offerIds({ token: w.token, deviceId: second.body.id })).toEqual([task.task_id]);
        await f.claim(w, task.task_id);
        expect(await offerIds({ token: w.token, deviceId: second.body.id })).toEqual([]);
    });

    it("another wallet's device id is not found", async () => {
        const w = await f.worker('w3');
        const stranger = await f.worker('w4');
        const res = await f.api('GET', `/api/v1/offers?device_id=${w.deviceId}`, stranger.token);
        expect([res.status, res.body.error.code]).toEqual([404, 'DEVICE_NOT_FOUND']);
    });
});

describe('GET /api/v1/tasks/:id before funding', () => {
    it('shows an unfunded task only to its requester, so nobody else can front-run its escrow', async () => {
        const f = await serviceFixture();
        try {
            const created = (await f.createTask()).body;
            const stranger = await f.worker('stranger');
            const hidden = await f.api('GET', `/api/v1/tasks/${created.task_id}`, stranger.token);
            expect([hidden.status, hidden.body.error.code]).toEqual([404, 'TASK_NOT_FOUND']);
            expect((await f.api('GET', `/api/v1/tasks/${created.task_id}`, f.requesterToken)).status).toBe(200);

            await f.sendFrom(f.requester, created.funding_transaction);
            await f.api('POST', `/api/v1/tasks/${created.task_id}/confirm-escrow`, f.requesterToken);
            expect((await f.api('GET', `/api/v1/tasks/${created.task_id}`, stranger.token)).body.status).toBe('open');
        } finally {
            await f.close();
        }
    });
});
