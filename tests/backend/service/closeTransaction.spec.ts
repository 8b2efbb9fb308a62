// GET /api/v1/tasks/:id/close-transaction: after the deadline, the requester's wallet gets a CloseTask transaction
// for the escrow, and sending it returns the unspent budget; before the deadline, or to anyone else, it is refused.
import '@ton/test-utils';
import { Address } from '@ton/core';
import { CLOSE_ATTACHED_VALUE } from '../../../backend/src/tasks/closeTransaction';
import { serviceFixture, ServiceFixture } from './serviceFixture';
import { expectRefused } from './serviceSteps';

describe('close transaction', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    const DAY = 24 * 3600;

    /** Past the task's deadline (a day ahead), with a session of the requester's that is still valid then. */
    async function pastDeadline(): Promise<string> {
        f.advance(DAY + 1);
        return f.sessionOf(f.requester.address);
    }

    it('is refused before the deadline, naming it', async () => {
        f = await serviceFixture();
        const task = await f.openTask();
        const res = await f.api('GET', `/api/v1/tasks/${task.task_id}/close-transaction`, f.requesterToken);
        expectRefused(res, 409, 'TASK_BEFORE_DEADLINE');
        expect(res.body.error.message).toContain(new Date(Number(task.deadline) * 1000).toISOString());
    });

    it('is only for the requester', async () => {
        f = await serviceFixture();
        const task = await f.openTask();
        await pastDeadline();
        const stranger = await f.worker('stranger');
        expectRefused(await f.api('GET', `/api/v1/tasks/${task.task_id}/close-transaction`, stranger.token), 403, 'NOT_YOUR_TASK');
    });

    it('after the deadline closes the escrow and returns the unspent budget to the requester', async () => {
        f = await serviceFixture();
        const task = await f.openTask();
        const token = await pastDeadline();
        const res = await f.api('GET', `/api/v1/tasks/${task.task_id}/close-transaction`, token);
        expect(res.status).toBe(200);
        const escrow = Address.parse(task.escrow_address);
        const state = await f.chain.escrowState(escrow);
        expect(res.body).toMatchObject({
            task_id: task.task_id,
            escrow_address: task.escrow_address,
            remaining: state!.remaining.toString(),
            fees_accrued: '0',
        });
        expect(res.body.transaction.messages).toEqual([
            { address: task.escrow_address, amount: CLOSE_ATTACHED_VALUE.toString(), payload: expect.any(String) },
        ]);
        expect(res.body.transaction.validUntil).toBeGreaterThan(f.now());

        const before = await f.requester.getBalance();
        const sent = await f.sendFrom(f.requester, res.body.transaction);
        expect(sent.transactions).toHaveTransaction({ from: f.requester.address, to: escrow, success: true });
        expect(await f.chain.escrowState(escrow)).toBeNull();
        // The whole budget comes back, less the gas of two transactions.
        const gained = (await f.requester.getBalance()) - before;
        expect(gained).toBeGreaterThan(BigInt(task.budget as string) - 50_000_000n);

        expectRefused(await f.api('GET', `/api/v1/tasks/${task.task_id}/close-transaction`, token), 409, 'ESCROW_NOT_FOUND');
    });

    it('a task never funded has nothing to close', async () => {
        f = await serviceFixture();
        const created = (await f.createTask()).body;
        const token = await pastDeadline();
        expectRefused(await f.api('GET', `/api/v1/tasks/${created.task_id}/close-transaction`, token), 409, 'ESCROW_NOT_FOUND');
    });
});
