// A funded escrow left alone for a year still pays and closes, and the idleness costs the requester exactly the
// storage rent the chain charged, nothing more.
import '@ton/test-utils';
import { Address, Message, toNano, Transaction } from '@ton/core';
import { SendMessageResult } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import { BPS_DENOMINATOR, ESCROW_RESERVE, MAX_TASK_DURATION } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { escrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { bodilessForwardFee, messagePrices } from './helpers/forwardFees';
import { feesBurned, inboundValue, isActive, storageFees } from './helpers/valueFlow';
import { worstCaseTask } from './helpers/worstCaseTask';
import { closeTaskMessage } from '../wrappers/taskEscrowMessages';

const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const FEE_BPS = 500n;
const BUDGET = toNano('3');
const AMOUNT = toNano('1');
const FUNDING_VALUE = BUDGET + ESCROW_RESERVE;
const CLAIM_VALUE = toNano('0.05');
/**
 * Ceiling on the rent a funded, open escrow pays for a year: about 1.5 times the 21 655 978 nanotons measured
 * (the storage phase of the first claim after 365 idle days). docs/escrow.md quotes the measured figure.
 */
const YEARLY_STORAGE_CEILING = 32_500_000n;

/** The successful transaction a message from `from` caused on `to`. */
function txBetween(result: SendMessageResult, from: Address, to: Address): Transaction {
    return findTransactionRequired(result.transactions, { from, to, success: true });
}

/** The messages `tx` sent, in order. */
function sent(tx: Transaction): Message[] {
    return tx.outMessages
        .keys()
        .sort((a, b) => a - b)
        .map((k) => tx.outMessages.get(k)!);
}

function valueOf(m: Message): bigint {
    if (m.info.type !== 'internal') throw new Error('not an internal message');
    return m.info.value.coins;
}

function destinationOf(m: Message): Address {
    if (m.info.type !== 'internal') throw new Error('not an internal message');
    return m.info.dest;
}

/**
 * Funds a two-slot task with the deadline `lifetime` away, lets it sit for `idle` seconds, has the worker claim one
 * slot, and has a stranger close it a second after the deadline. Returns every transaction that moved the
 * requester's money, and where that money went.
 */
async function lifeWithIdleness(idle: number, lifetime: number) {
    const f = await escrowFixture({ feeBps: FEE_BPS });
    const deadline = T0 + lifetime;
    expect(BigInt(deadline - T0)).toBeLessThanOrEqual(MAX_TASK_DURATION);
    const { result: funded, escrow } = await f.fundTask(
        { taskId: 9n, budget: BUDGET, maxResults: 2n, deadline: BigInt(deadline), value: FUNDING_VALUE },
        f.requester,
    );
    const masterTx = txBetween(funded, f.requester.address, f.master.address);
    const deployTx = txBetween(funded, f.master.address, escrow.address);
    expect(funded.transactions).toHaveTransaction({ from: f.master.address, to: escrow.address, deploy: true });

    f.blockchain.now = T0 + idle;
    const claim = f.intentFor(escrow.address, f.worker.address, AMOUNT, { taskId: 9n, validUntil: T0 + idle + HOUR });
    const claimed = await f.worker.send({ to: escrow.address, value: CLAIM_VALUE, body: claim.body });
    const claimTx = txBetween(claimed, f.worker.address, escrow.address);
    const state = await escrow.getState();
    expect(state.slotsUsed).toBe(1n);
    expect(state.remaining).toBe(BUDGET - AMOUNT);

    f.blockchain.now = deadline + 1;
    const close = closeTaskMessage();
    const closed = await escrow.send(f.stranger.getSender(), { value: CLAIM_VALUE }, close);
    const closeTx = txBetween(closed, f.stranger.address, escrow.address);
    expect(await isActive(f.blockchain, escrow.address)).toBe(false);

    // The close sends the stranger its change, the treasury its fees, and the requester the rest, in that order.
    const [change, toTreasury, refund] = sent(closeTx);
    expect(sent(closeTx)).toHaveLength(3);
    expect(destinationOf(change).equals(f.stranger.address)).toBe(true);
    expect(destinationOf(toTreasury).equals(f.treasury.address)).toBe(true);
    expect(destinationOf(refund).equals(f.requester.address)).toBe(true);
    const [payout] = sent(claimTx);
    expect(destinationOf(payout).equals(f.worker.address)).toBe(true);

    const prices = messagePrices(f.blockchain);
    return {
        masterTx,
        deployTx,
        claimTx,
        closeTx,
        // The worker's one message carries its share together with its own change.
        payout: valueOf(payout) - (CLAIM_VALUE - (feesBurned(claimTx) - storageFees(claimTx))),
        toTreasury: valueOf(toTreasury),
        refund: valueOf(refund),
        closeForwarding: bodilessForwardFee(prices, toTreasury) + bodilessForwardFee(prices, refund),
    };
}

describe('escrow storage', () => {
    it('after a year of idleness a claim still pays and a close after the deadline still works', async () => {
        const idle = await lifeWithIdleness(YEAR, YEAR + DAY);
        const fee = (AMOUNT * FEE_BPS) / BPS_DENOMINATOR;

        expect(idle.payout).toBe(AMOUNT - fee);
        expect(idle.toTreasury).toBe(fee);
        const yearlyStorage = storageFees(idle.claimTx);
        expect(yearlyStorage).toBeGreaterThan(0n);
        expect(yearlyStorage).toBeLessThan(YEARLY_STORAGE_CEILING);
    });

    it('the requester loses nothing to a year of idleness but the storage rent charged', async () => {
        const idle = await lifeWithIdleness(YEAR, YEAR + DAY);
        const fee = (AMOUNT * FEE_BPS) / BPS_DENOMINATOR;
        expect(inboundValue(idle.masterTx)).toBe(FUNDING_VALUE);

        // What the requester would get back if storage were free: its funding, less the executor's share and the
        // fee, less the gas and forwarding of the funding and of the close messages the escrow pays for. The master
        // pays its own rent from its own balance.
        const gasAndForwarding =
            feesBurned(idle.masterTx) -
            storageFees(idle.masterTx) +
            feesBurned(idle.deployTx) -
            storageFees(idle.deployTx) +
            idle.closeForwarding;
        const refundWithoutRent = FUNDING_VALUE - (AMOUNT - fee) - fee - gasAndForwarding;
        const rent = storageFees(idle.deployTx) + storageFees(idle.claimTx) + storageFees(idle.closeTx);
        expect(idle.refund).toBe(refundWithoutRent - rent);

        // The same life without the year: claimed after a minute, closed an hour later. The same messages and gas,
        // so the refunds differ by the difference in rent alone.
        const prompt = await lifeWithIdleness(60, HOUR);
        expect(prompt.payout).toBe(idle.payout);
        expect(prompt.toTreasury).toBe(idle.toTreasury);
        const promptRent = storageFees(prompt.deployTx) + storageFees(prompt.claimTx) + storageFees(prompt.closeTx);
        expect(prompt.refund - idle.refund).toBe(rent - promptRent);
    });

    it('the reserve covers the longest, fullest task: the requester gets its unclaimed budget back whole', async () => {
        const use = await worstCaseTask();
        expect(use.claimed).toBeGreaterThan(0n);
        expect(use.reserveLeft).toBeGreaterThan(0n);
        expect(use.refund).toBeGreaterThan(use.budget - use.claimed);
        // Relayers paid for their claims: the reserve spent only funding, storage and the close's forwarding.
        expect(use.closing).toBeGreaterThan(0n);
        expect(use.closing).toBeLessThan(toNano('0.002'));
    });
});
