// A funded escrow left alone for a year still pays and closes, and idleness costs the requester exactly the
// storage fee the chain charged, nothing more.
import { toNano } from '@ton/core';
import { findTransactionRequired } from '@ton/test-utils';
import '@ton/test-utils';
import { escrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { isActive, onlySentTo, storageFees } from './helpers/valueFlow';

const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
/** Storage a funded escrow pays for a year; docs/escrow.md quotes the measured figure (0.0217 TON). */
const YEARLY_STORAGE_CEILING = toNano('0.025');

/** Funds a one-slot task, waits `idle` seconds, and claims the slot, which closes the escrow. */
async function claimAfter(idle: number) {
    const f = await escrowFixture();
    const { escrow } = await f.fundTask({ taskId: 9n, maxResults: 1n, deadline: BigInt(T0 + YEAR + DAY) });
    f.blockchain.now = T0 + idle;
    const claim = f.intentFor(escrow.address, f.worker.address, toNano('1'), { taskId: 9n, validUntil: T0 + idle + HOUR });
    const result = await f.worker.send({ to: escrow.address, value: toNano('0.05'), body: claim.body });
    const tx = findTransactionRequired(result.transactions, { to: escrow.address, success: true });
    return {
        paid: onlySentTo(tx, f.worker.address).value,
        toTreasury: onlySentTo(tx, f.treasury.address).value,
        refund: onlySentTo(tx, f.requester.address).value,
        storage: storageFees(tx),
        closed: !(await isActive(f.blockchain, escrow.address)),
    };
}

describe('escrow storage', () => {
    it('after a year of idleness a claim and a close after the deadline still work', async () => {
        const f = await escrowFixture();
        const deadline = T0 + YEAR + DAY;
        const { escrow } = await f.fundTask({ taskId: 9n, maxResults: 3n, deadline: BigInt(deadline) });

        f.blockchain.now = T0 + YEAR;
        const claim = f.intentFor(escrow.address, f.worker.address, toNano('1'), { taskId: 9n, validUntil: T0 + YEAR + HOUR });
        const claimed = await f.worker.send({ to: escrow.address, value: toNano('0.05'), body: claim.body });
        const claimTx = findTransactionRequired(claimed.transactions, { to: escrow.address, success: true });
        expect(storageFees(claimTx)).toBeGreaterThan(0n);
        expect(storageFees(claimTx)).toBeLessThan(YEARLY_STORAGE_CEILING);

        f.blockchain.now = deadline + 1;
        const closed = await escrow.send(f.requester.getSender(), { value: toNano('0.05') }, { $$type: 'CloseTask', queryId: 0n });
        expect(closed.transactions).toHaveTransaction({ to: escrow.address, success: true });
        expect(closed.transactions).toHaveTransaction({ from: escrow.address, to: f.requester.address });
        expect(await isActive(f.blockchain, escrow.address)).toBe(false);
    });

    it('a year of idleness costs the requester exactly the storage fee charged, and nobody else anything', async () => {
        const busy = await claimAfter(60);
        const idle = await claimAfter(YEAR);

        expect(idle.closed).toBe(true);
        expect(idle.paid).toBe(busy.paid);
        expect(idle.toTreasury).toBe(busy.toTreasury);
        // Same messages, same gas: the whole difference in the refund is the extra storage the idle escrow paid.
        expect(busy.refund - idle.refund).toBe(idle.storage - busy.storage);
        expect(idle.storage).toBeLessThan(YEARLY_STORAGE_CEILING);
    });
});
