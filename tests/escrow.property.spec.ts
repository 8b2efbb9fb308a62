// Random lives of several escrows, checked against a model after every step: funding, valid claims by comment
// and through a relayer, forged, replayed, expired and over-budget claims, closes, and time passing.
// Invariants: the escrow's books match the model; rejected steps change nothing; no executor is paid twice per
// funding; paid never exceeds the budget; the escrow's balance moves only by exactly what it pays; after a close
// the escrow is gone, the treasury got exactly the fees and the requester exactly the rest.
import { Address, toNano, Transaction } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { BlockchainSnapshot, SandboxContract, SendMessageResult, TreasuryContract } from '@ton/sandbox';
import fc from 'fast-check';
import { TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { buildClaimRewardBody } from '../wrappers/claimEncoding';
import { escrowFixture, EscrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { balanceOf, feesBurned, inboundValue, isActive, sentMessages, storageFees } from './helpers/valueFlow';

/** Runs per CI build; FC_RUNS overrides it for a quick local check, FC_SEED replays a failure. */
const RUNS = Number(process.env.FC_RUNS ?? 200);
const STEPS = 30;
const TASK_IDS = [101n, 102n, 103n];
const FEE_BPS = 500n;
const WRONG_KEY = keyPairFromSeed(Buffer.alloc(32, 9));

type Step =
    | { kind: 'fund'; task: number; budgetTon: number; slots: number; hours: number }
    | { kind: 'claim'; task: number; worker: number; amount: bigint; relayed: boolean }
    | { kind: 'forged'; task: number; worker: number; how: 'wrongKey' | 'tampered' }
    | { kind: 'expired'; task: number; worker: number }
    | { kind: 'close'; task: number }
    | { kind: 'wait'; seconds: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('fund' as const), task: fc.nat(2), budgetTon: fc.integer({ min: 1, max: 3 }), slots: fc.integer({ min: 1, max: 4 }), hours: fc.integer({ min: 1, max: 48 }) }),
    { arbitrary: fc.record({ kind: fc.constant('claim' as const), task: fc.nat(2), worker: fc.nat(3), amount: fc.bigInt({ min: 1n, max: toNano('3.5') }), relayed: fc.boolean() }), weight: 4 },
    fc.record({ kind: fc.constant('forged' as const), task: fc.nat(2), worker: fc.nat(3), how: fc.constantFrom('wrongKey' as const, 'tampered' as const) }),
    fc.record({ kind: fc.constant('expired' as const), task: fc.nat(2), worker: fc.nat(3) }),
    fc.record({ kind: fc.constant('close' as const), task: fc.nat(2) }),
    fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 12 * HOUR }) }),
);

/** What the model knows about one funding of a task id. */
interface Funding {
    budget: bigint;
    remaining: bigint;
    fees: bigint;
    maxResults: number;
    deadline: number;
    paid: Set<string>;
    /** Every transaction the escrow ran for this funding, for the final reconciliation. */
    txs: Transaction[];
}

describe('escrow property', () => {
    let f: EscrowFixture;
    let workers: SandboxContract<TreasuryContract>[];
    let start: BlockchainSnapshot;

    beforeAll(async () => {
        f = await escrowFixture();
        workers = [f.worker, f.worker2, await f.blockchain.treasury('worker3'), await f.blockchain.treasury('worker4')];
        start = f.blockchain.snapshot();
    });

    it(`keeps its books over ${RUNS} random runs of ${STEPS} steps`, async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(stepArb, { minLength: STEPS, maxLength: STEPS }), async (steps) => {
                await f.blockchain.loadFrom(start);
                f.blockchain.now = T0;
                const open = new Map<number, Funding>();
                const escrows = await Promise.all(
                    TASK_IDS.map(async (id) => f.blockchain.openContract(TaskEscrow.fromAddress(await f.master.getEscrowAddress(id)))),
                );
                for (const step of steps) await apply(step, open, escrows);
            }),
            { numRuns: RUNS, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
        );
        // 200 runs of 30 sandbox steps take about five minutes on the CI machine.
    }, 20 * 60_000);

    function escrowTx(result: SendMessageResult, escrow: Address): Transaction | undefined {
        return result.transactions.find((t) => t.inMessage?.info.dest?.toString() === escrow.toString());
    }

    /**
     * Forwarding fee the escrow paid on top of a relayed payout (mode 1). A relayed claim sends two messages
     * without bodies, which cost the same to forward (the lump price: everything fits the root cell), so the
     * payout's share is half of the action phase's total.
     */
    function payoutForwardFee(tx: Transaction): bigint {
        const d = tx.description;
        if (d.type !== 'generic' || !d.actionPhase) throw new Error('claim without an action phase');
        return d.actionPhase.totalFwdFees! / 2n;
    }

    function succeeded(tx: Transaction | undefined): boolean {
        return tx?.description.type === 'generic' && tx.description.computePhase.type === 'vm' && tx.description.computePhase.success;
    }

    async function expectBooks(escrow: SandboxContract<TaskEscrow>, m: Funding | undefined) {
        if (!m) {
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
            return;
        }
        const state = await escrow.getState();
        expect({ remaining: state.remaining, fees: state.feesAccrued, slots: Number(state.slotsUsed) }).toEqual({
            remaining: m.remaining,
            fees: m.fees,
            slots: m.paid.size,
        });
        expect(m.budget - m.remaining).toBeLessThanOrEqual(m.budget);
    }

    /** After a close: gone, treasury exactly the fees, requester exactly what the escrow's transactions leave. */
    function expectClosed(m: Funding, closeTx: Transaction) {
        const fees = sentMessages(closeTx).filter((msg) => msg.to.equals(f.treasury.address));
        expect(fees.map((msg) => msg.value)).toEqual(m.fees > 0n ? [m.fees] : []);
        const refund = sentMessages(closeTx).filter((msg) => msg.to.equals(f.requester.address));
        expect(refund).toHaveLength(1);
        const all = [...m.txs, closeTx];
        const inflow = all.reduce((sum, tx) => sum + inboundValue(tx), 0n);
        const outflow = all.flatMap(sentMessages).reduce((sum, msg) => sum + msg.value, 0n);
        const burned = all.reduce((sum, tx) => sum + feesBurned(tx), 0n);
        // Money in = money out + fees + gas, to the nanoton, with nothing left behind in the escrow.
        expect(inflow).toBe(outflow + burned);
    }

    async function apply(step: Step, open: Map<number, Funding>, escrows: SandboxContract<TaskEscrow>[]) {
        const now = f.blockchain.now!;
        if (step.kind === 'wait') {
            f.blockchain.now = now + step.seconds;
            return;
        }
        const escrow = escrows[step.task];
        const taskId = TASK_IDS[step.task];
        const m = open.get(step.task);
        const balanceBefore = await balanceOf(f.blockchain, escrow.address);

        if (step.kind === 'fund') {
            const budget = toNano(step.budgetTon);
            const deadline = now + step.hours * HOUR;
            const { result } = await f.fundTask({ taskId, budget, maxResults: BigInt(step.slots), deadline: BigInt(deadline) });
            const tx = escrowTx(result, escrow.address)!;
            if (m) {
                // A second funding of an open task id: its value goes straight back, the escrow is untouched.
                expect(sentMessages(tx).map((msg) => msg.to.toString())).toEqual([f.requester.address.toString()]);
                m.txs.push(tx);
                await expectBooks(escrow, m);
            } else {
                open.set(step.task, { budget, remaining: budget, fees: 0n, maxResults: step.slots, deadline, paid: new Set(), txs: [tx] });
                await expectBooks(escrow, open.get(step.task));
            }
            return;
        }

        if (step.kind === 'close') {
            const result = await escrow.send(f.requester.getSender(), { value: toNano('0.05') }, { $$type: 'CloseTask', queryId: 0n });
            const tx = escrowTx(result, escrow.address);
            const allowed = m !== undefined && now > m.deadline;
            expect(succeeded(tx)).toBe(allowed);
            if (allowed) {
                expectClosed(m!, tx!);
                open.delete(step.task);
            } else if (m && tx) {
                m.txs.push(tx);
            }
            await expectBooks(escrow, open.get(step.task));
            return;
        }

        const worker = workers[step.worker];
        const validUntil = step.kind === 'expired' ? now - 1 : now + HOUR;
        const amount = step.kind === 'claim' ? step.amount : toNano('0.1');
        const signed = f.intentFor(escrow.address, worker.address, amount, {
            taskId,
            validUntil,
            key: step.kind === 'forged' && step.how === 'wrongKey' ? WRONG_KEY : undefined,
        });
        const relayed = step.kind === 'claim' && step.relayed;
        let body = relayed ? buildClaimRewardBody(signed.intent, signed.signature) : signed.body;
        if (step.kind === 'forged' && step.how === 'tampered') {
            body = buildClaimRewardBody({ ...signed.intent, amount: amount + 1n }, signed.signature);
        }
        const from = relayed ? f.relayer : worker;
        const result = await from.send({ to: escrow.address, value: toNano('0.05'), body });
        const tx = escrowTx(result, escrow.address);

        const accepted =
            step.kind === 'claim' &&
            m !== undefined &&
            now <= m.deadline &&
            !m.paid.has(worker.address.toRawString()) &&
            amount <= m.remaining;
        expect(succeeded(tx)).toBe(accepted);
        if (!accepted) {
            if (tx && m) {
                // Refused: nothing changed but the storage the escrow owed.
                expect(await balanceOf(f.blockchain, escrow.address)).toBe(balanceBefore - storageFees(tx));
                m.txs.push(tx);
            }
            await expectBooks(escrow, m);
            return;
        }

        const fee = (amount * FEE_BPS) / 10000n;
        const payouts = sentMessages(tx!).filter((msg) => msg.to.equals(worker.address));
        expect(payouts).toHaveLength(1);
        expect(payouts[0].value).toBeGreaterThanOrEqual(amount - fee);
        m!.paid.add(worker.address.toRawString());
        m!.remaining -= amount;
        m!.fees += fee;
        if (m!.paid.size === m!.maxResults || m!.remaining === 0n) {
            expectClosed(m!, tx!);
            open.delete(step.task);
        } else {
            m!.txs.push(tx!);
            // The budget pays exactly the executor's share; on the relayer path the escrow also pays the payout's
            // forwarding fee from its reserve.
            const spent = balanceBefore - (await balanceOf(f.blockchain, escrow.address)) - storageFees(tx!);
            expect(spent - (amount - fee)).toBe(relayed ? payoutForwardFee(tx!) : 0n);
        }
        await expectBooks(escrow, open.get(step.task));
    }
});
