// GET /api/v1/tasks/:id/escrow: the escrow as the chain shows it, for a page to follow funding and closing without
// provoking refusals: not deployed before funding, deployed with its balance after, not deployed once closed.
import { Address } from '@ton/core';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { expectRefused } from './serviceSteps';

describe('escrow state', () => {
    let f: ServiceFixture;
    beforeEach(async () => (f = await serviceFixture()));
    afterEach(async () => f.close());

    const escrowOf = (taskId: string, token = f.requesterToken) => f.api('GET', `/api/v1/tasks/${taskId}/escrow`, token);

    it('follows the escrow from unfunded to funded to closed', async () => {
        const created = await f.createTask();
        const taskId = created.body.task_id;
        expect((await escrowOf(taskId)).body).toEqual({
            task_id: taskId,
            escrow_address: created.body.escrow_address,
            deployed: false,
            remaining: null,
            fees_accrued: null,
        });

        await f.sendFrom(f.requester, created.body.funding_transaction);
        const funded = await escrowOf(taskId);
        const chainState = await f.chain.escrowState(Address.parse(created.body.escrow_address));
        expect(funded.body).toMatchObject({ deployed: true, remaining: chainState!.remaining.toString(), fees_accrued: '0' });

        await f.api('POST', `/api/v1/tasks/${taskId}/confirm-escrow`, f.requesterToken);
        f.advance(24 * 3600 + 1);
        const token = await f.sessionOf(f.requester.address);
        const close = await f.api('GET', `/api/v1/tasks/${taskId}/close-transaction`, token);
        await f.sendFrom(f.requester, close.body.transaction);
        expect((await escrowOf(taskId, token)).body).toMatchObject({ deployed: false, remaining: null });
    });

    it('is hidden from others while the task awaits its escrow, as the task is', async () => {
        const created = await f.createTask();
        const stranger = await f.worker('stranger');
        expectRefused(await escrowOf(created.body.task_id, stranger.token), 404, 'TASK_NOT_FOUND');
    });
});
