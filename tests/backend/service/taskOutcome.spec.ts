// GET /api/v1/tasks/:id/outcome: the requester sees the canonical output, each result's verdict and who was paid.
import { watchChainOnce } from '../../../backend/src/service/background';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { expectRefused } from './serviceSteps';

describe('task outcome', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    it('shows the canonical output, the verdicts, and the claims paid', async () => {
        f = await serviceFixture();
        const task = await f.openTask();
        const [a, b, liar] = [await f.worker('alice'), await f.worker('bob'), await f.worker('liar')];
        for (const w of [a, b, liar]) await f.claim(w, task.task_id);
        const url = `/api/v1/tasks/${task.task_id}/outcome`;
        await f.submit(a, task.task_id, { digest: 'abc' });
        let res = await f.api('GET', url, f.requesterToken);
        expect(res.body).toMatchObject({ status: 'validating', canonical_result_hash: null, canonical_output: null });
        expect(res.body.results).toEqual([{ wallet: a.wallet.address.toRawString(), verdict: null, late: false, paid: null }]);

        await f.submit(liar, task.task_id, { digest: 'xyz' });
        await f.submit(b, task.task_id, { digest: 'abc' });
        const intent = (await f.intent(a, task.task_id)).body;
        await f.sendFrom(a.wallet, intent.transaction);
        await watchChainOnce(f.ctx);

        res = await f.api('GET', url, f.requesterToken);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ task_id: task.task_id, status: 'validated', canonical_output: { digest: 'abc' } });
        expect(res.body.canonical_result_hash).toMatch(/^[0-9a-f]{64}$/);
        const byWallet = Object.fromEntries(res.body.results.map((r: { wallet: string }) => [r.wallet, r]));
        expect(byWallet[a.wallet.address.toRawString()]).toMatchObject({ verdict: 'valid', paid: { amount: task.reward_per_result } });
        expect(byWallet[b.wallet.address.toRawString()]).toMatchObject({ verdict: 'valid', paid: null });
        expect(byWallet[liar.wallet.address.toRawString()]).toMatchObject({ verdict: 'invalid', paid: null });
    });

    it('is for the requester only', async () => {
        f = await serviceFixture();
        const task = await f.openTask();
        const worker = await f.worker('nosy');
        expectRefused(await f.api('GET', `/api/v1/tasks/${task.task_id}/outcome`, worker.token), 403, 'NOT_YOUR_TASK');
    });
});
