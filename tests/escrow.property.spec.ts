// Random lives of several escrows, checked against a model (the books) after every step: funding (and funding an
// open task id again), valid claims by text comment and through a relayer, forged, replayed, expired and
// over-budget claims, closes before and after the deadline, time passing, and the owner changing fee or key.
//
// After every step: each escrow's getter matches the books; its balance is exactly what its requester put in less
// the shares paid and the fees the requester's money bore; no executor is paid twice per funding; paid never
// exceeds the budget; a refused message changes no state, and every account's balance moves by exactly its fees.
// After every close: the escrow is gone, the treasury got exactly the accrued fees, the requester exactly what the
// books leave, and money in = money out + fees, to the nanoton, over every transaction the funding involved.
//
// Reproduce a failure with FC_SEED=<seed> npx jest tests/escrow.property.spec.ts (fast-check prints the seed).
import '@ton/test-utils';
import { Address, beginCell, Cell, Message, toNano, Transaction } from '@ton/core';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { MsgPrices } from '@ton/ton';
import { BlockchainSnapshot, internal, SandboxContract, SendMessageResult, TreasuryContract } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import fc from 'fast-check';
import { storeFundTask } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import {
    BPS_DENOMINATOR,
    CLAIM_MIN_VALUE,
    ERR_ALREADY_CLAIMED,
    ERR_BAD_SIGNATURE,
    ERR_CLOSE_TOO_EARLY,
    ERR_INTENT_EXPIRED,
    ERR_NO_SLOTS,
    ERR_OVER_BUDGET,
    ERR_PAST_DEADLINE,
    ERR_WRONG_TASK,
    ESCROW_RESERVE,
    EscrowState,
    MAX_FEE_BPS,
    MAX_RESULT_SLOTS,
    MAX_TASK_DURATION,
    STATUS_OPEN,
    storeCloseTask,
    TaskEscrow,
} from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import {
    buildClaimComment,
    buildClaimRewardBody,
    claimCommentCell,
    MAINNET_GLOBAL_ID,
    PayoutIntent,
    SignatureEncoding,
    signIntent,
    verifyIntent,
} from '../wrappers/claimEncoding';
import { escrowFixture, EscrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { bodilessForwardFee, messagePrices } from './helpers/forwardFees';
import { plain } from './helpers/plain';
import { balanceOf, feesBurned, inboundValue, isActive, storageFees } from './helpers/valueFlow';

// Cell hashes through Node's OpenSSL binding. The sandbox parses every account and transaction it touches into
// cells, and @ton/core hashes each cell with @ton/crypto's pure-JS SHA-256: a third of this suite's time. The digest
// is the same (any difference would change every address and fail every check), the runs take two thirds as long.
jest.mock('@ton/crypto', () => {
    const actual = jest.requireActual('@ton/crypto');
    const { createHash } = jest.requireActual('node:crypto');
    return { ...actual, sha256_sync: (source: Buffer | string) => createHash('sha256').update(source).digest() };
});

/** Runs per property; PROPERTY_RUNS lowers it for quick checks such as the mutation run's. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const STEPS = 30;
const TASK_IDS = [101n, 102n, 103n];
const DAY = 24 * HOUR;
/** The fixture's fee at the start of every run. */
const START_FEE_BPS = 500n;
/** Keys the owner rotates between (the first is the fixture's); every escrow snapshots the one current at funding. */
const BACKEND_KEYS = [7, 11].map((seed) => keyPairFromSeed(Buffer.alloc(32, seed)));
/** A key that never signs for the platform. */
const FORGER = keyPairFromSeed(Buffer.alloc(32, 9));
/** A brand-new worker: no deployed wallet, nothing on it. Only a relayer can claim for it. */
const FRESH_WORKER = new Address(0, Buffer.alloc(32, 0xfe));
/** More brand-new workers, for the worst case: one per result slot. Random runs use only the first four workers. */
const FRESH_CROWD = Array.from({ length: Number(MAX_RESULT_SLOTS) }, (_, i) => new Address(0, Buffer.alloc(32, i)));

type Via = 'text' | 'relayer';
/** The task a step aims at: the k-th open one, or the k-th without an escrow (either, if there is none), or any. */
type Target = { open: number } | { unfunded: number } | { any: number };
/** A claim's amount: a part of the remaining budget in basis points, or that much beyond it. */
type Amount = { within: number } | { beyond: bigint };
type Forgery = 'foreignKey' | 'otherBackendKey' | 'amount' | 'executor';
type Closer = 'requester' | 'stranger' | 'treasury';

type Step =
    | { kind: 'fund'; task: Target; funder: number; budget: bigint; slots: number; lifetime: number; extra: bigint }
    | {
          kind: 'claim';
          task: Target;
          worker: number;
          via: Via;
          amount: Amount;
          validFor: number;
          value: bigint;
          sig: SignatureEncoding;
      }
    | { kind: 'forged'; task: Target; worker: number; via: Via; how: Forgery; share: number; value: bigint }
    | { kind: 'replay'; pick: number; onto: Target | null; via: Via; value: bigint }
    | { kind: 'expired'; task: Target; worker: number; via: Via; ago: number; share: number; value: bigint }
    | { kind: 'close'; task: Target; closer: Closer; value: bigint }
    | { kind: 'wait'; seconds: number }
    | { kind: 'admin'; fee: bigint | null; rotateKey: boolean };

const taskIndex = fc.nat(TASK_IDS.length - 1);
/** Claims and closes mostly aim at open escrows, sometimes at any task id. */
const target: fc.Arbitrary<Target> = fc.oneof(
    { weight: 7, arbitrary: taskIndex.map((open) => ({ open })) },
    { weight: 1, arbitrary: taskIndex.map((any) => ({ any })) },
);
/** Funding mostly aims at task ids without an escrow, sometimes at any (an open one is funded twice). */
const fundTarget: fc.Arbitrary<Target> = fc.oneof(
    { weight: 4, arbitrary: taskIndex.map((unfunded) => ({ unfunded })) },
    { weight: 1, arbitrary: taskIndex.map((any) => ({ any })) },
);
const worker = fc.nat(3);
const via = fc.constantFrom<Via>('text', 'relayer');
/** Any part of the remaining budget, a sliver, or all of it (which closes the escrow). */
const share = fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 10_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }) },
    { weight: 1, arbitrary: fc.constant(10_000) },
);
const claimValue = fc.bigInt(CLAIM_MIN_VALUE, toNano('0.1'));

// Waiting comes first and cross-shrinking is on, so a failure shrinks every irrelevant step to a short wait.
const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { withCrossShrink: true },
    {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 0, max: 36 * HOUR }) }),
    },
    {
        weight: 6,
        arbitrary: fc.record({
            kind: fc.constant('fund' as const),
            task: fundTarget,
            funder: fc.nat(1),
            budget: fc.oneof(fc.bigInt(1n, 1000n), fc.bigInt(toNano('0.01'), toNano('5'))),
            slots: fc.integer({ min: 1, max: 4 }),
            lifetime: fc.integer({ min: HOUR, max: 2 * DAY }),
            extra: fc.bigInt(0n, toNano('0.2')),
        }),
    },
    {
        weight: 6,
        arbitrary: fc.record({
            kind: fc.constant('claim' as const),
            task: target,
            worker,
            via,
            amount: fc.oneof(
                { weight: 3, arbitrary: share.map((within): Amount => ({ within })) },
                { weight: 1, arbitrary: fc.bigInt(1n, toNano('1')).map((beyond): Amount => ({ beyond })) },
            ),
            validFor: fc.integer({ min: 0, max: 2 * HOUR }),
            value: claimValue,
            sig: fc.constantFrom<SignatureEncoding>('hex', 'base64url'),
        }),
    },
    {
        weight: 2,
        arbitrary: fc.record({
            kind: fc.constant('forged' as const),
            task: target,
            worker,
            via,
            how: fc.constantFrom<Forgery>('foreignKey', 'otherBackendKey', 'amount', 'executor'),
            share,
            value: claimValue,
        }),
    },
    {
        weight: 2,
        arbitrary: fc.record({
            kind: fc.constant('replay' as const),
            pick: fc.nat(),
            onto: fc.option(target, { freq: 2 }),
            via,
            value: claimValue,
        }),
    },
    {
        weight: 1,
        arbitrary: fc.record({
            kind: fc.constant('expired' as const),
            task: target,
            worker,
            via,
            ago: fc.integer({ min: 1, max: 2 * HOUR }),
            share,
            value: claimValue,
        }),
    },
    {
        weight: 3,
        arbitrary: fc.record({
            kind: fc.constant('close' as const),
            task: target,
            closer: fc.constantFrom<Closer>('requester', 'stranger', 'treasury'),
            value: claimValue,
        }),
    },
    {
        weight: 1,
        arbitrary: fc.record({
            kind: fc.constant('admin' as const),
            fee: fc.option(fc.bigInt(0n, MAX_FEE_BPS)),
            rotateKey: fc.boolean(),
        }),
    },
);

/** Random runs pick among the first four workers (three wallets and the fresh one). */
function onFirstWorkers(steps: Step[]): Step[] {
    return steps.map((step) => ('worker' in step ? { ...step, worker: step.worker % 4 } : step));
}

/** Someone who can be paid; `wallet` is absent for the fresh worker. */
interface Actor {
    address: Address;
    wallet?: SandboxContract<TreasuryContract>;
}

/** The books of one funding of a task id, and its value flow as read from its transactions. */
interface Funding {
    task: number;
    requester: Address;
    fundingId: bigint;
    feeBps: bigint;
    key: KeyPair;
    budget: bigint;
    maxResults: bigint;
    deadline: number;
    /** Σ amount of the claims paid, fees included. */
    paidGross: bigint;
    feesAccrued: bigint;
    /** Σ (amount − fee): what executors received from the budget. */
    netPaid: bigint;
    /** Executors paid, by the books (raw addresses). */
    paid: Set<string>;
    /** Payout messages the escrow actually sent, per executor. */
    payoutsSeen: Map<string, number>;
    /** What the requester put in: the funding value, and the value of its own CloseTask. */
    requesterIn: bigint;
    /** Fees paid from the requester's money: master and set-up gas, storage, a CloseTask's forwarding. */
    requesterBorne: bigint;
    /** Every transaction this funding involved, on the master's side and the escrow's. */
    txs: Transaction[];
    /** The master's storage rent within `txs`: the master pays it from its own balance. */
    masterStorage: bigint;
    /** Hash of the escrow's data when its getter last matched the books. */
    checkedData: Buffer | null;
}

/** A claim the escrow paid, kept for replays. */
interface PaidClaim {
    task: number;
    executor: Actor;
    intent: PayoutIntent;
    signature: Buffer;
}

/** What the escrow must do with a message: run it (paying `claim`, or closing), refuse it, or bounce it unrun. */
type Outcome = { accept: true; claim: PayoutIntent | null } | { accept: false; exitCode: bigint } | { noAccount: true };

describe('escrow property', () => {
    let f: EscrowFixture;
    let start: BlockchainSnapshot;
    let requesters: SandboxContract<TreasuryContract>[];
    let workers: Actor[];
    let escrowAddresses: Address[];
    let msgPrices: MsgPrices;

    beforeAll(async () => {
        f = await escrowFixture({ feeBps: START_FEE_BPS });
        expect(BACKEND_KEYS[0].publicKey).toEqual(f.backendKey.publicKey);
        requesters = [f.requester, await f.blockchain.treasury('requester2')];
        const wallets = [f.worker, f.worker2, await f.blockchain.treasury('worker3')];
        workers = wallets.map((wallet) => ({ address: wallet.address, wallet }));
        workers.push({ address: FRESH_WORKER });
        workers.push(...FRESH_CROWD.map((address) => ({ address })));
        escrowAddresses = await Promise.all(TASK_IDS.map((id) => f.master.getEscrowAddress(id)));
        msgPrices = messagePrices(f.blockchain);
        // Every run starts from here (master deployed, wallets funded, the clock at T0): restoring this snapshot takes
        // about 20 ms, building a fresh fixture about 650 ms.
        start = f.blockchain.snapshot();
    });

    it(`keeps its books over ${RUNS} random runs of ${STEPS} steps`, async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(stepArb, { minLength: STEPS, maxLength: STEPS }).map(onFirstWorkers), async (steps) => {
                await f.blockchain.loadFrom(start);
                const run = new Run();
                for (const step of steps) await run.apply(step);
            }),
            { numRuns: RUNS, seed: process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED) },
        );
    }, 20 * 60_000);

    it('keeps its books in the worst case: every slot but one relayed at once, closed a second after the longest deadline', async () => {
        await f.blockchain.loadFrom(start);
        const run = new Run();
        const value = toNano('0.03');
        await run.apply({
            kind: 'fund',
            task: { unfunded: 0 },
            funder: 0,
            budget: toNano('1'),
            slots: Number(MAX_RESULT_SLOTS),
            lifetime: Number(MAX_TASK_DURATION),
            extra: 0n,
        });
        // The all-zero address hash among them: it must be recorded like any other, and never paid twice.
        for (let i = 0; i < FRESH_CROWD.length - 1; i++) {
            const worker = 4 + i;
            const claim = { kind: 'claim', task: { open: 0 }, worker, via: 'relayer', validFor: HOUR, value } as const;
            await run.apply({ ...claim, amount: { within: 100 }, sig: 'hex' });
        }
        for (const pick of [0, 1, 2, 15, 29]) await run.apply({ kind: 'replay', pick, onto: { open: 0 }, via: 'relayer', value });
        await run.apply({ kind: 'wait', seconds: Number(MAX_TASK_DURATION) + 1 });
        // The close checks the refund against the books: the unclaimed budget comes back whole.
        await run.apply({ kind: 'close', task: { open: 0 }, closer: 'stranger', value });
        expect(run.open.size).toBe(0);
    }, 10 * 60_000);

    /**
     * Delivers `from`'s message as its wallet would send it, without running the wallet's own transaction. The escrow
     * cannot tell the difference, and each step emulates a third to a half less.
     */
    function deliver(from: Address, to: Address, value: bigint, body: Cell): Promise<SendMessageResult> {
        return f.blockchain.sendMessage(internal({ from, to, value, body, bounce: true }));
    }

    /** Full forwarding fee of one of the escrow's messages, all of which are bodiless. */
    function forwardFee(m: Message): bigint {
        return bodilessForwardFee(msgPrices, m);
    }

    /** Hash of an account's persistent data, or null without one. */
    async function dataHash(address: Address): Promise<Buffer | null> {
        const state = (await f.blockchain.getContract(address)).accountState;
        return state?.type === 'active' ? (state.state.data?.hash() ?? null) : null;
    }

    /** Messages a transaction sent, in the order it sent them. */
    function outMessages(tx: Transaction): Message[] {
        return tx.outMessages
            .keys()
            .sort((a, b) => a - b)
            .map((k) => tx.outMessages.get(k)!);
    }

    function valueOf(m: Message): bigint {
        if (m.info.type !== 'internal') throw new Error('not an internal message');
        return m.info.value.coins;
    }

    function expectSentTo(m: Message, to: Address, bounced = false) {
        expect(m.info.type).toBe('internal');
        if (m.info.type === 'internal') {
            expect(m.info.dest.toRawString()).toBe(to.toRawString());
            expect(m.info.bounced).toBe(bounced);
        }
    }

    function computePhase(tx: Transaction) {
        if (tx.description.type !== 'generic') throw new Error(`unexpected ${tx.description.type} transaction`);
        return tx.description.computePhase;
    }

    /** The transaction a message from `from` caused on `to`. */
    function txOn(result: SendMessageResult, from: Address, to: Address): Transaction {
        return findTransactionRequired(result.transactions, { from, to });
    }

    /** What the escrow's getter must report for a funding, by the books. */
    function booksOf(m: Funding): EscrowState {
        return {
            $$type: 'EscrowState',
            master: f.master.address,
            taskId: TASK_IDS[m.task],
            status: STATUS_OPEN,
            requester: m.requester,
            treasury: f.treasury.address,
            backendKey: BigInt('0x' + m.key.publicKey.toString('hex')),
            feeBps: m.feeBps,
            maxResults: m.maxResults,
            deadline: BigInt(m.deadline),
            fundingId: m.fundingId,
            budget: m.budget,
            slotsUsed: BigInt(m.paid.size),
            remaining: m.budget - m.paidGross,
            feesAccrued: m.feesAccrued,
        };
    }

    /** One random run: the model of every task id, and the checks after each step. */
    class Run {
        readonly open = new Map<number, Funding>();
        readonly paidClaims: PaidClaim[] = [];
        feeBps = START_FEE_BPS;
        keyIndex = 0;

        constructor() {
            f.blockchain.now = T0;
        }

        get now(): number {
            return f.blockchain.now!;
        }

        escrow(task: number): SandboxContract<TaskEscrow> {
            return f.blockchain.openContract(TaskEscrow.fromAddress(escrowAddresses[task]));
        }

        /** The task index a target names now. */
        resolve(t: Target): number {
            if ('any' in t) return t.any;
            const all = TASK_IDS.map((_, i) => i);
            const open = all.filter((i) => this.open.has(i));
            const candidates = 'open' in t ? open : all.filter((i) => !this.open.has(i));
            const k = 'open' in t ? t.open : t.unfunded;
            return candidates.length > 0 ? candidates[k % candidates.length] : k;
        }

        /** Every account a step can touch. */
        parties(): Address[] {
            return [
                f.master.address,
                f.treasury.address,
                f.stranger.address,
                f.relayer.address,
                f.owner.address,
                ...requesters.map((r) => r.address),
                ...workers.map((w) => w.address),
                ...escrowAddresses,
            ];
        }

        async balances(): Promise<Map<string, bigint>> {
            const out = new Map<string, bigint>();
            for (const address of this.parties()) {
                out.set(address.toRawString(), await balanceOf(f.blockchain, address));
            }
            return out;
        }

        async apply(step: Step) {
            switch (step.kind) {
                case 'wait':
                    f.blockchain.now = this.now + step.seconds;
                    break;
                case 'admin':
                    await this.admin(step.fee, step.rotateKey);
                    break;
                case 'fund':
                    await this.fund(step);
                    break;
                case 'close':
                    await this.close(step);
                    break;
                default:
                    await this.claim(step);
            }
            await this.expectInvariants();
        }

        /** The owner changes what tasks funded from now on snapshot; funded escrows keep theirs, as getters show. */
        async admin(fee: bigint | null, rotateKey: boolean) {
            const owner = f.owner.getSender();
            const applied = { from: f.owner.address, to: f.master.address, success: true };
            if (fee !== null) {
                const value = toNano('0.05');
                const r = await f.master.send(owner, { value }, { $$type: 'SetFee', queryId: 0n, feeBps: fee });
                expect(r.transactions).toHaveTransaction(applied);
                this.feeBps = fee;
            }
            if (rotateKey) {
                this.keyIndex = (this.keyIndex + 1) % BACKEND_KEYS.length;
                const backendKey = BigInt('0x' + BACKEND_KEYS[this.keyIndex].publicKey.toString('hex'));
                const value = toNano('0.05');
                const r = await f.master.send(owner, { value }, { $$type: 'SetBackendKey', queryId: 0n, backendKey });
                expect(r.transactions).toHaveTransaction(applied);
            }
        }

        async fund(step: Extract<Step, { kind: 'fund' }>) {
            const task = this.resolve(step.task);
            const funder = requesters[step.funder].address;
            const escrowAddress = escrowAddresses[task];
            const value = step.budget + ESCROW_RESERVE + step.extra;
            const deadline = this.now + step.lifetime;
            const body = beginCell()
                .store(
                    storeFundTask({
                        $$type: 'FundTask',
                        queryId: 0n,
                        taskId: TASK_IDS[task],
                        budget: step.budget,
                        maxResults: BigInt(step.slots),
                        deadline: BigInt(deadline),
                    }),
                )
                .endCell();
            const masterBefore = await balanceOf(f.blockchain, f.master.address);
            const dataBefore = await dataHash(escrowAddress);
            const result = await deliver(funder, f.master.address, value, body);
            const masterTx = txOn(result, funder, f.master.address);
            const escrowTx = txOn(result, f.master.address, escrowAddress);
            expect(computePhase(masterTx)).toMatchObject({ type: 'vm', success: true });
            expect(computePhase(escrowTx)).toMatchObject({ type: 'vm', success: true });
            // The master keeps nothing of a task's money: only its own storage rent leaves its balance.
            expect(await balanceOf(f.blockchain, f.master.address)).toBe(masterBefore - storageFees(masterTx));
            const masterSide = feesBurned(masterTx) - storageFees(masterTx);

            const existing = this.open.get(task);
            if (existing) {
                // A second funding of an open task id: the escrow returns the value less the fees and keeps its terms.
                const sent = outMessages(escrowTx);
                expect(sent).toHaveLength(1);
                expectSentTo(sent[0], funder);
                expect(valueOf(sent[0])).toBe(value - masterSide - (feesBurned(escrowTx) - storageFees(escrowTx)));
                expect(await dataHash(escrowAddress)).toEqual(dataBefore);
                existing.txs.push(masterTx, escrowTx);
                existing.masterStorage += storageFees(masterTx);
                existing.requesterBorne += storageFees(escrowTx);
                return;
            }
            expect(escrowTx.outMessagesCount).toBe(0);
            this.open.set(task, {
                task,
                requester: funder,
                // The master's logical time when it funded; the getter confirms it after this step.
                fundingId: masterTx.lt,
                feeBps: this.feeBps,
                key: BACKEND_KEYS[this.keyIndex],
                budget: step.budget,
                maxResults: BigInt(step.slots),
                deadline,
                paidGross: 0n,
                feesAccrued: 0n,
                netPaid: 0n,
                paid: new Set(),
                payoutsSeen: new Map(),
                requesterIn: value,
                requesterBorne: masterSide + feesBurned(escrowTx),
                txs: [masterTx, escrowTx],
                masterStorage: storageFees(masterTx),
                checkedData: null,
            });
        }

        async close(step: Extract<Step, { kind: 'close' }>) {
            const task = this.resolve(step.task);
            const m = this.open.get(task);
            const closer = {
                requester: m?.requester ?? f.requester.address,
                stranger: f.stranger.address,
                treasury: f.treasury.address,
            }[step.closer];
            let outcome: Outcome = { noAccount: true };
            if (m && this.now > m.deadline) outcome = { accept: true, claim: null };
            else if (m) outcome = { accept: false, exitCode: ERR_CLOSE_TOO_EARLY };
            const body = beginCell().store(storeCloseTask({ $$type: 'CloseTask', queryId: 0n })).endCell();
            await this.send(closer, task, step.value, body, outcome);
        }

        /** Builds the claim a step describes, predicts what the escrow must do with it, sends it and checks. */
        async claim(step: Extract<Step, { kind: 'claim' | 'forged' | 'replay' | 'expired' }>) {
            let task: number;
            let executor: Actor;
            let signature: Buffer;
            // What the message carries: what the backend signed, unless a forger changed it.
            let sent: PayoutIntent;

            if (step.kind === 'replay') {
                if (this.paidClaims.length === 0) return;
                const original = this.paidClaims[step.pick % this.paidClaims.length];
                task = step.onto === null ? original.task : this.resolve(step.onto);
                ({ executor, signature, intent: sent } = original);
            } else {
                task = this.resolve(step.task);
                executor = workers[step.worker];
                const m = this.open.get(task);
                const remaining = m ? m.budget - m.paidGross : toNano('1');
                let amount: bigint;
                if (step.kind === 'claim' && 'beyond' in step.amount) {
                    amount = remaining + step.amount.beyond;
                } else {
                    const within = step.kind === 'claim' ? (step.amount as { within: number }).within : step.share;
                    amount = (remaining * BigInt(within)) / 10_000n || 1n;
                }
                let validUntil = this.now + (step.kind === 'claim' ? step.validFor : HOUR);
                if (step.kind === 'expired') validUntil = this.now - step.ago;
                const intent: PayoutIntent = {
                    globalId: MAINNET_GLOBAL_ID,
                    escrow: escrowAddresses[task],
                    fundingId: m?.fundingId ?? 0n,
                    executor: executor.address,
                    taskId: TASK_IDS[task],
                    amount,
                    validUntil,
                };
                const backendKey = m?.key ?? BACKEND_KEYS[this.keyIndex];
                let key = backendKey;
                if (step.kind === 'forged' && step.how === 'foreignKey') key = FORGER;
                if (step.kind === 'forged' && step.how === 'otherBackendKey') {
                    key = BACKEND_KEYS.find((k) => k !== backendKey)!;
                }
                signature = signIntent(intent, key.secretKey);
                sent = intent;
                if (step.kind === 'forged' && step.how === 'amount') {
                    sent = { ...intent, amount: amount < remaining || amount === 1n ? amount + 1n : amount - 1n };
                }
                if (step.kind === 'forged' && step.how === 'executor') {
                    // One worker's intent, claimed for another: a copied comment, or a relayer swapping the executor.
                    executor = workers[(step.worker + 1) % workers.length];
                    sent = { ...intent, executor: executor.address };
                }
            }
            // The fresh worker has no wallet to send a comment from; a relayer carries its claims.
            const chosenVia: Via = executor.wallet ? step.via : 'relayer';
            const from = chosenVia === 'text' ? executor.address : f.relayer.address;
            const encoding: SignatureEncoding = step.kind === 'claim' ? step.sig : 'hex';
            const body =
                chosenVia === 'text'
                    ? claimCommentCell(buildClaimComment({ ...sent, signature }, encoding))
                    : buildClaimRewardBody(sent, signature);

            const outcome = this.predictClaim(task, chosenVia, sent, signature);
            await this.send(from, task, step.value, body, outcome);
            if ('accept' in outcome && outcome.accept) {
                this.paidClaims.push({ task, executor, intent: sent, signature });
            }
        }

        /** The escrow's checks, in the escrow's order, applied to the books. */
        predictClaim(task: number, chosenVia: Via, sent: PayoutIntent, signature: Buffer): Outcome {
            const m = this.open.get(task);
            if (!m) return { noAccount: true };
            const refuse = (exitCode: bigint): Outcome => ({ accept: false, exitCode });
            if (chosenVia === 'text' && sent.taskId !== TASK_IDS[task]) return refuse(ERR_WRONG_TASK);
            if (this.now > sent.validUntil) return refuse(ERR_INTENT_EXPIRED);
            if (m.paid.has(sent.executor.toRawString())) return refuse(ERR_ALREADY_CLAIMED);
            if (this.now > m.deadline) return refuse(ERR_PAST_DEADLINE);
            // Valid only if the backend key this escrow snapshotted signed exactly these fields for this funding.
            const signedFor: PayoutIntent = { ...sent, escrow: escrowAddresses[task], fundingId: m.fundingId };
            if (!verifyIntent(signedFor, signature, m.key.publicKey)) return refuse(ERR_BAD_SIGNATURE);
            if (BigInt(m.paid.size) >= m.maxResults) return refuse(ERR_NO_SLOTS);
            if (sent.amount > m.budget - m.paidGross) return refuse(ERR_OVER_BUDGET);
            return { accept: true, claim: sent };
        }

        /** Sends `body` from `from` to a task's escrow and checks it did what `outcome` says, to the nanoton. */
        async send(from: Address, task: number, value: bigint, body: Cell, outcome: Outcome) {
            const escrowAddress = escrowAddresses[task];
            const before = await this.balances();
            const dataBefore = await dataHash(escrowAddress);
            const result = await deliver(from, escrowAddress, value, body);
            const tx = txOn(result, from, escrowAddress);

            if ('noAccount' in outcome) {
                // No escrow there: nothing runs, the value bounces back less the fees, nothing stays behind.
                expect(computePhase(tx)).toMatchObject({ type: 'skipped', reason: 'no-state' });
                await this.expectBounced(result, tx, from, value, before);
                return;
            }
            const m = this.open.get(task)!;
            m.txs.push(tx);
            if (!outcome.accept) {
                const exitCode = Number(outcome.exitCode);
                expect(computePhase(tx)).toMatchObject({ type: 'vm', success: false, exitCode });
                // Not a bit of the escrow's data changed, so neither did anything its getter reports.
                expect(await dataHash(escrowAddress)).toEqual(dataBefore);
                // The escrow's only loss is the storage rent it owed, which the requester's money bears.
                m.requesterBorne += storageFees(tx);
                await this.expectBounced(result, tx, from, value, before);
                return;
            }
            expect(computePhase(tx)).toMatchObject({ type: 'vm', success: true });
            this.book(m, tx, from, value, outcome.claim, before.get(escrowAddress.toRawString())!);
        }

        /**
         * A refused message: its only effect is the bounce, which returns the value less the fees of the round trip.
         * The escrow lost only the storage rent it owed, the sender only those fees, every other account nothing.
         */
        async expectBounced(
            result: SendMessageResult,
            tx: Transaction,
            from: Address,
            value: bigint,
            before: Map<string, bigint>,
        ) {
            const sent = outMessages(tx);
            expect(sent).toHaveLength(1);
            expectSentTo(sent[0], from, true);
            expect(valueOf(sent[0])).toBe(value - (feesBurned(tx) - storageFees(tx)));
            const escrow = tx.inMessage!.info.dest as Address;
            // `deliver` did not debit the sender's wallet, so the wallet gains the bounce less what receiving it cost.
            const receipt = txOn(result, escrow, from);
            const expected = new Map(before);
            expected.set(escrow.toRawString(), before.get(escrow.toRawString())! - storageFees(tx));
            expected.set(from.toRawString(), before.get(from.toRawString())! + valueOf(sent[0]) - feesBurned(receipt));
            expect(await this.balances()).toEqual(expected);
        }

        /**
         * Books an accepted claim or close. Checks every message the escrow sent, in order, and splits each fee of the
         * transaction between the requester's money (storage, a CloseTask's forwarding) and the sender's value.
         */
        book(
            m: Funding,
            tx: Transaction,
            from: Address,
            value: bigint,
            claim: PayoutIntent | null,
            balanceBefore: bigint,
        ) {
            const sent = outMessages(tx);
            // Every message the escrow sends is bodiless: together they cost exactly what the action phase charged.
            const d = tx.description.type === 'generic' ? tx.description : null;
            expect(sent.reduce((sum, msg) => sum + forwardFee(msg), 0n)).toBe(d?.actionPhase?.totalFwdFees);
            let next = 0;
            let requesterBorne = storageFees(tx);
            let returnedToSender = 0n;
            let sharePaid = 0n;

            const closesOnClaim =
                claim !== null &&
                (BigInt(m.paid.size + 1) === m.maxResults || m.paidGross + claim.amount === m.budget);
            if (claim) {
                const fee = (claim.amount * m.feeBps) / BPS_DENOMINATOR;
                sharePaid = claim.amount - fee;
                const executor = claim.executor.toRawString();
                const relayed = !from.equals(claim.executor);
                if (relayed) {
                    // The executor gets exactly its share; the relayer pays its forwarding out of its change.
                    const payout = sent[next++];
                    expectSentTo(payout, claim.executor);
                    expect(valueOf(payout)).toBe(sharePaid);
                    m.payoutsSeen.set(executor, (m.payoutsSeen.get(executor) ?? 0) + 1);
                }
                m.paid.add(executor);
                m.paidGross += claim.amount;
                m.feesAccrued += fee;
                m.netPaid += sharePaid;
                if (!closesOnClaim) {
                    // What is left of the sender's value comes back last: with the share, to an executor claiming
                    // for itself; alone, to a relayer.
                    const last = sent[next++];
                    expectSentTo(last, from);
                    if (!relayed) m.payoutsSeen.set(executor, (m.payoutsSeen.get(executor) ?? 0) + 1);
                    returnedToSender = valueOf(last) - (relayed ? 0n : sharePaid);
                }
            } else if (!from.equals(m.requester)) {
                const change = sent[next++];
                expectSentTo(change, from);
                returnedToSender = valueOf(change);
            }

            const closes = claim === null || closesOnClaim;
            if (!closes) {
                expect(next).toBe(sent.length);
                // The sender bore its own gas and every forwarding its claim caused, the escrow only its storage.
                expect(value - returnedToSender).toBe(feesBurned(tx) - requesterBorne);
                m.requesterBorne += requesterBorne;
                return;
            }

            let treasuryReceipt = 0n;
            if (m.feesAccrued > 0n) {
                const toTreasury = sent[next++];
                expectSentTo(toTreasury, f.treasury.address);
                treasuryReceipt = valueOf(toTreasury);
                // A claim that closes pays the close's forwarding; a CloseTask leaves it to the reserve.
                if (claim === null) requesterBorne += forwardFee(toTreasury);
            }
            const refundMessage = sent[next++];
            expectSentTo(refundMessage, m.requester);
            if (claim === null) requesterBorne += forwardFee(refundMessage);
            const refund = valueOf(refundMessage);
            if (claim) {
                // The claimant's change comes last and takes the rest, with the share when it is the executor.
                const last = sent[next++];
                expectSentTo(last, from);
                if (from.equals(claim.executor)) {
                    const executor = claim.executor.toRawString();
                    m.payoutsSeen.set(executor, (m.payoutsSeen.get(executor) ?? 0) + 1);
                }
                returnedToSender = valueOf(last) - (from.equals(claim.executor) ? sharePaid : 0n);
            }
            expect(next).toBe(sent.length);

            const requesterCloses = claim === null && from.equals(m.requester);
            if (requesterCloses) {
                // The requester's CloseTask value joins its refund, and all of the close's fees are its own.
                m.requesterIn += value;
                requesterBorne = feesBurned(tx);
            } else {
                expect(value - returnedToSender).toBe(feesBurned(tx) - requesterBorne);
            }
            m.requesterBorne += requesterBorne;

            // The treasury gets exactly the fees. The requester gets the balance before the close less the share just
            // paid, the fees and the close's own costs: exactly what the books leave.
            expect(treasuryReceipt).toBe(m.feesAccrued);
            const closeValue = requesterCloses ? value : 0n;
            expect(refund).toBe(balanceBefore + closeValue - sharePaid - m.feesAccrued - requesterBorne);
            expect(refund).toBe(m.requesterIn - m.netPaid - m.feesAccrued - m.requesterBorne);
            // The reserve covers every cost the requester's money bore: the unclaimed budget comes back whole.
            expect(refund).toBeGreaterThanOrEqual(m.budget - m.paidGross);
            this.open.delete(m.task);
            this.expectPaidOnce(m);
            this.expectMoneyConserved(m, treasuryReceipt, refund);
        }

        /** No executor paid twice: one payout message per executor, for exactly the executors the books list. */
        expectPaidOnce(m: Funding) {
            expect([...m.payoutsSeen.keys()].sort()).toEqual([...m.paid].sort());
            expect([...m.payoutsSeen.values()].every((n) => n === 1)).toBe(true);
            expect(m.paidGross).toBeLessThanOrEqual(m.budget);
            expect(m.netPaid + m.feesAccrued).toBe(m.paidGross);
        }

        /** Over every transaction of a closed funding: money in = money out + fees, to the nanoton. */
        expectMoneyConserved(m: Funding, treasuryReceipt: bigint, refund: bigint) {
            const inflow = m.txs.reduce((sum, tx) => sum + inboundValue(tx), 0n);
            const outflow = m.txs.flatMap(outMessages).reduce((sum, msg) => sum + valueOf(msg), 0n);
            const fees = m.txs.reduce((sum, tx) => sum + feesBurned(tx), 0n) - m.masterStorage;
            expect(inflow).toBe(outflow + fees);
            // The requester's side of it: what it put in = shares + treasury + refund + the fees its money bore.
            expect(m.requesterIn).toBe(m.netPaid + treasuryReceipt + refund + m.requesterBorne);
        }

        /** After every step, for every task id: gone if closed; otherwise the books and the balance. */
        async expectInvariants() {
            for (let task = 0; task < TASK_IDS.length; task++) {
                const m = this.open.get(task);
                if (!m) {
                    expect(await isActive(f.blockchain, escrowAddresses[task])).toBe(false);
                    expect(await balanceOf(f.blockchain, escrowAddresses[task])).toBe(0n);
                    continue;
                }
                // The getter reads nothing but the escrow's data: read it again whenever the data changed.
                const data = await dataHash(escrowAddresses[task]);
                expect(data).not.toBeNull();
                if (!m.checkedData?.equals(data!)) {
                    expect(plain(await this.escrow(task).getState())).toEqual(plain(booksOf(m)));
                    m.checkedData = data;
                }
                this.expectPaidOnce(m);
                // Everything the requester put in is there but the shares paid and the fees its money bore.
                const balance = await balanceOf(f.blockchain, escrowAddresses[task]);
                expect(balance).toBe(m.requesterIn - m.netPaid - m.requesterBorne);
            }
        }
    }
});
