import '@ton/test-utils';
import { Address, beginCell, Cell, toNano } from '@ton/core';
import { SandboxContract, SendMessageResult, TreasuryContract } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import { getSecureRandomBytes, keyPairFromSeed } from '@ton/crypto';
import { WalletContractV4 } from '@ton/ton';
import {
    CLAIM_MIN_VALUE,
    ERR_ALREADY_CLAIMED,
    ERR_BAD_SIGNATURE,
    ERR_CLOSE_TOO_EARLY,
    ERR_COMMENT_PREFIX,
    ERR_INTENT_EXPIRED,
    ERR_LOW_GAS,
    ERR_NOT_FUNDED,
    ERR_NOT_MASTER,
    ERR_OVER_BUDGET,
    ERR_PAST_DEADLINE,
    ERR_WRONG_TASK,
    ERR_ZERO_AMOUNT,
    MAX_RESULT_SLOTS,
    STATUS_OPEN,
    STATUS_UNFUNDED,
    storeClaimReward,
    storeCloseTask,
    storeEscrowTerms,
    storeSetupEscrow,
    TaskEscrow,
} from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import {
    buildClaimComment,
    buildClaimRewardBody,
    claimCommentCell,
    MAINNET_GLOBAL_ID,
    PayoutIntent,
    signIntent,
    TESTNET_GLOBAL_ID,
} from '../wrappers/claimEncoding';
import { EscrowFixture, escrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { expectRejected, snapshot, Watch } from './helpers/expectUnchanged';
import { plain } from './helpers/plain';
import { signByHand } from './helpers/signedDataByHand';
import {
    balanceOf,
    computeGasFees,
    costToSender,
    feesBurned,
    inboundValue,
    isActive,
    onlySentTo,
    sentMessages,
    storageFees,
    totalForwardFees,
} from './helpers/valueFlow';
import { closeTaskMessage } from '../wrappers/taskEscrowMessages';

const BUDGET = toNano('3');
const DEADLINE = T0 + 24 * HOUR;
const FEE_BPS = 500n;
const CLAIM_VALUE = toNano('0.1');

function feeOf(amount: bigint): bigint {
    return (amount * FEE_BPS) / 10000n;
}

/** Address of a wallet nobody has deployed: a brand-new worker with no TON. */
async function undeployedWallet(): Promise<Address> {
    const key = keyPairFromSeed(await getSecureRandomBytes(32));
    return WalletContractV4.create({ workchain: 0, publicKey: key.publicKey }).address;
}

describe('TaskEscrow', () => {
    let f: EscrowFixture;
    let escrow: SandboxContract<TaskEscrow>;
    let requester: SandboxContract<TreasuryContract>;
    let worker: SandboxContract<TreasuryContract>;
    let worker2: SandboxContract<TreasuryContract>;
    let stranger: SandboxContract<TreasuryContract>;
    let relayer: SandboxContract<TreasuryContract>;
    let treasury: SandboxContract<TreasuryContract>;
    let watch: Watch;

    beforeEach(async () => {
        f = await escrowFixture({ feeBps: FEE_BPS });
        ({ requester, worker, worker2, stranger, relayer, treasury } = f);
        ({ escrow } = await f.fundTask({ taskId: 42n, budget: BUDGET, maxResults: 3n, deadline: BigInt(DEADLINE) }));
        watch = watchOf(escrow);
    });

    /** Points the helpers (intents, claims, close, the watch) at another escrow. */
    function useEscrow(other: SandboxContract<TaskEscrow>) {
        escrow = other;
        watch = watchOf(other);
    }

    function watchOf(contract: SandboxContract<TaskEscrow>): Watch {
        return {
            blockchain: f.blockchain,
            contract: contract.address,
            readState: () => contract.getState(),
            parties: {
                escrow: contract.address,
                master: f.master.address,
                requester: requester.address,
                treasury: treasury.address,
                worker: worker.address,
                worker2: worker2.address,
                stranger: stranger.address,
                relayer: relayer.address,
            },
        };
    }

    function intent(executor: Address, amount: bigint, opts: Parameters<EscrowFixture['intentFor']>[3] = {}) {
        return f.intentFor(escrow.address, executor, amount, opts);
    }

    /** `from` sends a text-comment claim whose body is `body`. */
    function claimByComment(from: SandboxContract<TreasuryContract>, body: Cell, value = CLAIM_VALUE) {
        return from.send({ to: escrow.address, value, body });
    }

    /** `from` sends the binary ClaimReward for a signed intent. */
    function claimByMessage(
        from: SandboxContract<TreasuryContract>,
        signed: { intent: PayoutIntent; signature: Buffer },
        value = CLAIM_VALUE,
    ) {
        return from.send({ to: escrow.address, value, body: buildClaimRewardBody(signed.intent, signed.signature) });
    }

    /** A zero-amount intent for the worker on this escrow, validly signed by the backend key. */
    function zeroIntent(): { intent: PayoutIntent; signature: Buffer } {
        const zero: PayoutIntent = {
            globalId: MAINNET_GLOBAL_ID,
            escrow: escrow.address,
            fundingId: f.fundingIdOf(escrow.address),
            executor: worker.address,
            taskId: 42n,
            amount: 0n,
            validUntil: T0 + HOUR,
        };
        const one = { ...zero, amount: 1n };
        expect(signByHand(one, f.backendKey.secretKey)).toEqual(signIntent(one, f.backendKey.secretKey));
        return { intent: zero, signature: signByHand(zero, f.backendKey.secretKey) };
    }

    function close(from: SandboxContract<TreasuryContract>, value = CLAIM_VALUE) {
        return escrow.send(from.getSender(), { value }, closeTaskMessage());
    }

    /** Sends with `send` and checks the escrow refused it with `exitCode`, changing nothing. */
    async function expectRefused(
        from: SandboxContract<TreasuryContract>,
        exitCode: bigint,
        send: () => Promise<SendMessageResult>,
    ) {
        const before = await snapshot(watch);
        const result = await send();
        await expectRejected(result, watch, before, from.address, exitCode);
    }

    function claimTx(result: SendMessageResult, from: Address) {
        return findTransactionRequired(result.transactions, { from, to: escrow.address, success: true });
    }

    describe('claim by text comment', () => {
        it('executor can claim once, receiving amount minus fee and its unused gas in one message', async () => {
            const amount = toNano('1');
            const fee = feeOf(amount);
            const escrowBefore = await balanceOf(f.blockchain, escrow.address);
            const workerBefore = await worker.getBalance();

            const result = await claimByComment(worker, intent(worker.address, amount).body);

            const tx = claimTx(result, worker.address);
            expect(tx.outMessagesCount).toBe(1);
            const payout = onlySentTo(tx, worker.address);
            expect(payout.value).toBeGreaterThanOrEqual(amount - fee);
            // The whole attached value less the claim's gas and the payout's forwarding rides along with the share.
            expect(payout.value + totalForwardFees(tx)).toBe(amount - fee + CLAIM_VALUE - computeGasFees(tx));
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(escrowBefore - (amount - fee) - storageFees(tx));
            expect(await worker.getBalance()).toBe(
                workerBefore + amount - fee - costToSender(result.transactions, worker.address),
            );
            expect(await escrow.getState()).toMatchObject({
                slotsUsed: 1n,
                remaining: BUDGET - amount,
                feesAccrued: fee,
            });
        });

        it('executor cannot claim twice', async () => {
            const { body } = intent(worker.address, toNano('1'));
            await claimByComment(worker, body);
            await expectRefused(worker, ERR_ALREADY_CLAIMED, () => claimByComment(worker, body));
        });

        it('executor cannot claim twice with a second intent for another amount', async () => {
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            const second = intent(worker.address, toNano('0.5'), { validUntil: T0 + 2 * HOUR });
            await expectRefused(worker, ERR_ALREADY_CLAIMED, () => claimByComment(worker, second.body));
        });

        it('two executors can each claim once', async () => {
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            const result = await claimByComment(worker2, intent(worker2.address, toNano('0.5')).body);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: worker2.address, success: true });
            expect(await escrow.getState()).toMatchObject({
                slotsUsed: 2n,
                remaining: BUDGET - toNano('1.5'),
                feesAccrued: feeOf(toNano('1')) + feeOf(toNano('0.5')),
            });
        });

        it('stranger cannot claim with a copied comment', async () => {
            const { body } = intent(worker.address, toNano('1'));
            await expectRefused(stranger, ERR_BAD_SIGNATURE, () => claimByComment(stranger, body));
        });

        it('executor cannot claim with an intent signed by another key', async () => {
            const { body } = intent(worker.address, toNano('1'), { key: keyPairFromSeed(Buffer.alloc(32, 9)) });
            await expectRefused(worker, ERR_BAD_SIGNATURE, () => claimByComment(worker, body));
        });

        it('executor cannot raise the amount in a signed comment', async () => {
            const signed = intent(worker.address, toNano('1'));
            const tampered = buildClaimComment({ ...signed.intent, amount: toNano('2'), signature: signed.signature });
            await expectRefused(worker, ERR_BAD_SIGNATURE, () => claimByComment(worker, claimCommentCell(tampered)));
        });

        it('executor cannot extend the validity of a signed comment', async () => {
            const signed = intent(worker.address, toNano('1'));
            const tampered = buildClaimComment({
                ...signed.intent,
                validUntil: T0 + 2 * HOUR,
                signature: signed.signature,
            });
            await expectRefused(worker, ERR_BAD_SIGNATURE, () => claimByComment(worker, claimCommentCell(tampered)));
        });

        it('executor cannot claim here with an intent signed for another escrow', async () => {
            const { escrow: other } = await f.fundTask({ taskId: 43n });
            // Signed for task 43's escrow, but the comment names task 42 so it passes the task check here.
            const { body } = f.intentFor(other.address, worker.address, toNano('1'), { taskId: 42n });
            await expectRefused(worker, ERR_BAD_SIGNATURE, () => claimByComment(worker, body));
        });

        it('executor cannot claim with an intent signed for another network', async () => {
            const { body } = intent(worker.address, toNano('1'), { globalId: TESTNET_GLOBAL_ID });
            await expectRefused(worker, ERR_BAD_SIGNATURE, () => claimByComment(worker, body));
        });

        it('executor cannot claim with a comment naming another task', async () => {
            // A valid signature for this escrow: only the task id in the text is wrong.
            const { body } = intent(worker.address, toNano('1'), { taskId: 43n });
            await expectRefused(worker, ERR_WRONG_TASK, () => claimByComment(worker, body));
        });

        it('executor can claim in the last second of the intent', async () => {
            f.blockchain.now = T0 + HOUR;
            const result = await claimByComment(worker, intent(worker.address, toNano('1')).body);
            // The claim itself ran and paid, not merely a bounce of the worker's value.
            claimTx(result, worker.address);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: worker.address, inMessageBounced: false });
        });

        it('executor cannot claim after the intent expired', async () => {
            f.blockchain.now = T0 + HOUR + 1;
            const { body } = intent(worker.address, toNano('1'));
            await expectRefused(worker, ERR_INTENT_EXPIRED, () => claimByComment(worker, body));
        });

        it('executor can claim at the deadline', async () => {
            f.blockchain.now = DEADLINE;
            const result = await claimByComment(
                worker,
                intent(worker.address, toNano('1'), { validUntil: DEADLINE }).body,
            );
            // The claim itself ran and paid, not merely a bounce of the worker's value.
            claimTx(result, worker.address);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: worker.address, inMessageBounced: false });
        });

        it('executor cannot claim after the deadline, even with an intent still valid', async () => {
            f.blockchain.now = DEADLINE + 1;
            const { body } = intent(worker.address, toNano('1'), { validUntil: DEADLINE + HOUR });
            await expectRefused(worker, ERR_PAST_DEADLINE, () => claimByComment(worker, body));
        });

        it('executor can claim the whole budget, which closes the escrow with slots left', async () => {
            const result = await claimByComment(worker, intent(worker.address, BUDGET).body);
            // The claim itself ran and paid, not merely a bounce of the worker's value.
            claimTx(result, worker.address);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: worker.address, inMessageBounced: false });
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: treasury.address, value: feeOf(BUDGET) });
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: requester.address });
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        it('executor cannot claim one nanoton above the budget', async () => {
            const { body } = intent(worker.address, BUDGET + 1n);
            await expectRefused(worker, ERR_OVER_BUDGET, () => claimByComment(worker, body));
        });

        it('executor cannot claim more than what earlier claims left', async () => {
            await claimByComment(worker, intent(worker.address, toNano('2')).body);
            const { body } = intent(worker2.address, toNano('1') + 1n);
            await expectRefused(worker2, ERR_OVER_BUDGET, () => claimByComment(worker2, body));
        });

        it('executor can claim with exactly CLAIM_MIN_VALUE attached', async () => {
            const result = await claimByComment(worker, intent(worker.address, toNano('1')).body, CLAIM_MIN_VALUE);
            // The claim itself ran and paid, not merely a bounce of the worker's value.
            claimTx(result, worker.address);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: worker.address, inMessageBounced: false });
        });

        it('executor cannot claim with less than CLAIM_MIN_VALUE attached', async () => {
            const { body } = intent(worker.address, toNano('1'));
            await expectRefused(worker, ERR_LOW_GAS, () => claimByComment(worker, body, CLAIM_MIN_VALUE - 1n));
        });

        it('executor cannot claim a zero amount, even with a valid signature', async () => {
            const zero = zeroIntent();
            const comment = buildClaimComment({ ...zero.intent, signature: zero.signature });
            await expectRefused(worker, ERR_ZERO_AMOUNT, () => claimByComment(worker, claimCommentCell(comment)));
        });
    });

    describe('claim by binary message', () => {
        it('relayer can claim for an executor whose wallet is not deployed', async () => {
            const newcomer = await undeployedWallet();
            const amount = toNano('1');
            const fee = feeOf(amount);
            const escrowBefore = await balanceOf(f.blockchain, escrow.address);
            const relayerBefore = await relayer.getBalance();

            const result = await claimByMessage(relayer, intent(newcomer, amount));

            const tx = claimTx(result, relayer.address);
            expect(onlySentTo(tx, newcomer).value).toBe(amount - fee);
            expect(await balanceOf(f.blockchain, newcomer)).toBe(amount - fee);
            expect(await isActive(f.blockchain, newcomer)).toBe(false);
            // The relayer gets back everything but the claim's gas and forwarding.
            const change = onlySentTo(tx, relayer.address);
            expect(change.value).toBeGreaterThanOrEqual(CLAIM_VALUE - computeGasFees(tx) - totalForwardFees(tx));
            expect(change.value).toBeLessThan(CLAIM_VALUE);
            expect(relayerBefore - (await relayer.getBalance())).toBeLessThan(CLAIM_VALUE);
            // The escrow pays exactly the share: the payout's forwarding comes out of the relayer's change.
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(escrowBefore - (amount - fee) - storageFees(tx));
            expect(change.value + totalForwardFees(tx)).toBe(CLAIM_VALUE - computeGasFees(tx));
            expect(await escrow.getState()).toMatchObject({
                slotsUsed: 1n,
                remaining: BUDGET - amount,
                feesAccrued: fee,
            });
        });

        it('executor can claim by binary message itself, in one message', async () => {
            const amount = toNano('1');
            const workerBefore = await worker.getBalance();
            const result = await claimByMessage(worker, intent(worker.address, amount));
            const tx = claimTx(result, worker.address);
            expect(tx.outMessagesCount).toBe(1);
            expect(onlySentTo(tx, worker.address).value + totalForwardFees(tx)).toBe(
                amount - feeOf(amount) + CLAIM_VALUE - computeGasFees(tx),
            );
            expect(await worker.getBalance()).toBe(
                workerBefore + amount - feeOf(amount) - costToSender(result.transactions, worker.address),
            );
        });

        it('relayer can claim once for an executor', async () => {
            const result = await claimByMessage(relayer, intent(worker.address, toNano('1')));
            // The claim itself ran and paid, not merely a bounce of the worker's value.
            claimTx(result, relayer.address);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: worker.address, inMessageBounced: false });
        });

        it('relayer cannot claim twice for the same executor', async () => {
            const signed = intent(worker.address, toNano('1'));
            await claimByMessage(relayer, signed);
            await expectRefused(relayer, ERR_ALREADY_CLAIMED, () => claimByMessage(relayer, signed));
        });

        it('executor paid by comment cannot be paid again through a relayer', async () => {
            const signed = intent(worker.address, toNano('1'));
            await claimByComment(worker, signed.body);
            await expectRefused(relayer, ERR_ALREADY_CLAIMED, () => claimByMessage(relayer, signed));
        });

        it('executor paid through a relayer cannot claim again by comment', async () => {
            const signed = intent(worker.address, toNano('1'));
            await claimByMessage(relayer, signed);
            await expectRefused(worker, ERR_ALREADY_CLAIMED, () => claimByComment(worker, signed.body));
        });

        it('relayer cannot redirect a payout to another executor', async () => {
            const signed = intent(worker.address, toNano('1'));
            const redirected = { ...signed, intent: { ...signed.intent, executor: stranger.address } };
            await expectRefused(relayer, ERR_BAD_SIGNATURE, () => claimByMessage(relayer, redirected));
        });

        it('relayer cannot raise the signed amount', async () => {
            const signed = intent(worker.address, toNano('1'));
            const raised = { ...signed, intent: { ...signed.intent, amount: toNano('2') } };
            await expectRefused(relayer, ERR_BAD_SIGNATURE, () => claimByMessage(relayer, raised));
        });

        it('relayer cannot claim after the intent expired', async () => {
            f.blockchain.now = T0 + HOUR + 1;
            const signed = intent(worker.address, toNano('1'));
            await expectRefused(relayer, ERR_INTENT_EXPIRED, () => claimByMessage(relayer, signed));
        });

        it('relayer cannot claim with less than CLAIM_MIN_VALUE attached', async () => {
            const signed = intent(worker.address, toNano('1'));
            await expectRefused(relayer, ERR_LOW_GAS, () => claimByMessage(relayer, signed, CLAIM_MIN_VALUE - 1n));
        });

        it('relayer cannot claim a zero amount, even with a valid signature', async () => {
            const zero = zeroIntent();
            // buildClaimRewardBody refuses a zero amount; the generated wrapper writes the message as is.
            await expectRefused(relayer, ERR_ZERO_AMOUNT, () =>
                escrow.send(
                    relayer.getSender(),
                    { value: CLAIM_VALUE },
                    beginCell()
                        .store(
                            storeClaimReward({
                                $$type: 'ClaimReward',
                                queryId: 0n,
                                executor: worker.address,
                                amount: 0n,
                                validUntil: BigInt(zero.intent.validUntil),
                                signature: zero.signature,
                            }),
                        )
                        .endCell()
                        .beginParse(),
                ),
            );
        });
    });

    describe('fee', () => {
        it('fee rounds down, in the executor favour', async () => {
            const newcomer = await undeployedWallet();
            const amount = 1_000_000_019n; // 5% of it is 50_000_000.95
            const result = await claimByMessage(relayer, intent(newcomer, amount));
            expect(onlySentTo(claimTx(result, relayer.address), newcomer).value).toBe(amount - 50_000_000n);
            expect((await escrow.getState()).feesAccrued).toBe(50_000_000n);
        });

        it('claim too small to carry a whole nanoton of fee pays no fee', async () => {
            const newcomer = await undeployedWallet();
            const result = await claimByMessage(relayer, intent(newcomer, 19n));
            expect(onlySentTo(claimTx(result, relayer.address), newcomer).value).toBe(19n);
            expect((await escrow.getState()).feesAccrued).toBe(0n);
        });
    });

    describe('close on the last slot', () => {
        it('paying the last slot sends fees to the treasury, the rest to the requester, and destroys the escrow', async () => {
            const newcomer = await undeployedWallet();
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            await claimByComment(worker2, intent(worker2.address, toNano('0.5')).body);
            const before = await escrow.getState();
            const escrowBefore = await balanceOf(f.blockchain, escrow.address);
            const requesterBefore = await requester.getBalance();
            const treasuryBefore = await treasury.getBalance();

            const result = await claimByMessage(relayer, intent(newcomer, toNano('0.7')));

            const tx = claimTx(result, relayer.address);
            const fees = before.feesAccrued + feeOf(toNano('0.7'));
            expect(fees).toBe(feeOf(toNano('2.2')));
            expect(onlySentTo(tx, newcomer).value).toBe(toNano('0.7') - feeOf(toNano('0.7')));
            expect(onlySentTo(tx, treasury.address).value).toBe(fees);
            const rest = onlySentTo(tx, requester.address).value;
            // Everything the escrow held and received left it, as messages or as fees.
            const out = sentMessages(tx).reduce((sum, m) => sum + m.value, 0n);
            expect(out).toBe(escrowBefore + inboundValue(tx) - feesBurned(tx));
            // The requester gets exactly what the escrow held less the share and the fees: the unclaimed budget and
            // what the reserve did not spend. The relayer, whose claim caused the close, pays every forwarding.
            expect(rest).toBe(escrowBefore - storageFees(tx) - (toNano('0.7') - feeOf(toNano('0.7'))) - fees);
            expect(rest).toBeGreaterThan(BUDGET - toNano('2.2'));
            const change = onlySentTo(tx, relayer.address).value;
            expect(change + totalForwardFees(tx)).toBe(CLAIM_VALUE - computeGasFees(tx));

            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(0n);
            const requesterTx = findTransactionRequired(result.transactions, {
                from: escrow.address,
                to: requester.address,
            });
            const treasuryTx = findTransactionRequired(result.transactions, {
                from: escrow.address,
                to: treasury.address,
            });
            expect(await requester.getBalance()).toBe(requesterBefore + rest - feesBurned(requesterTx));
            expect(await treasury.getBalance()).toBe(treasuryBefore + fees - feesBurned(treasuryTx));
        });

        it('last executor claiming by comment also closes the escrow', async () => {
            const worker3 = await f.blockchain.treasury('worker3');
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            await claimByComment(worker2, intent(worker2.address, toNano('1')).body);
            const result = await claimByComment(worker3, intent(worker3.address, toNano('1')).body);
            const tx = claimTx(result, worker3.address);
            expect(onlySentTo(tx, worker3.address).value).toBeGreaterThanOrEqual(toNano('1') - feeOf(toNano('1')));
            expect(onlySentTo(tx, treasury.address).value).toBe(feeOf(toNano('3')));
            expect(sentMessages(tx).some((m) => m.to.equals(requester.address))).toBe(true);
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        it('last executor can claim with exactly CLAIM_MIN_VALUE attached, closing the escrow', async () => {
            const worker3 = await f.blockchain.treasury('worker3');
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            await claimByComment(worker2, intent(worker2.address, toNano('1')).body);
            const result = await claimByComment(worker3, intent(worker3.address, toNano('1')).body, CLAIM_MIN_VALUE);
            claimTx(result, worker3.address);
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        it('relayer can claim the last slot with exactly CLAIM_MIN_VALUE attached, closing the escrow', async () => {
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            await claimByComment(worker2, intent(worker2.address, toNano('1')).body);
            const newcomer = await undeployedWallet();
            const result = await claimByMessage(relayer, intent(newcomer, toNano('1')), CLAIM_MIN_VALUE);
            claimTx(result, relayer.address);
            expect(await balanceOf(f.blockchain, newcomer)).toBe(toNano('1') - feeOf(toNano('1')));
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        it('executor cannot claim from a closed escrow', async () => {
            await claimByComment(worker, intent(worker.address, toNano('1')).body);
            await claimByComment(worker2, intent(worker2.address, toNano('1')).body);
            await claimByMessage(relayer, intent(await undeployedWallet(), toNano('1')));
            const late = await undeployedWallet();

            const result = await claimByMessage(stranger, intent(late, toNano('0.1')));

            expect(result.transactions).toHaveTransaction({
                from: stranger.address,
                to: escrow.address,
                aborted: true,
            });
            expect(result.transactions).toHaveTransaction({
                from: escrow.address,
                to: stranger.address,
                inMessageBounced: true,
            });
            expect(await balanceOf(f.blockchain, late)).toBe(0n);
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });
    });

    describe('many executors', () => {
        let executors: Address[];

        beforeEach(async () => {
            const { escrow: wide } = await f.fundTask({
                taskId: 43n,
                budget: toNano('32'),
                maxResults: MAX_RESULT_SLOTS,
            });
            useEscrow(wide);
            executors = [];
            for (let i = 0n; i < MAX_RESULT_SLOTS; i++) executors.push(await undeployedWallet());
            for (const executor of executors.slice(0, -1)) {
                await claimByMessage(relayer, intent(executor, toNano('1'), { taskId: 43n }));
            }
            expect((await escrow.getState()).slotsUsed).toBe(MAX_RESULT_SLOTS - 1n);
        });

        it('the last of MAX_RESULT_SLOTS executors can claim, closing the escrow', async () => {
            const last = executors[executors.length - 1];
            const result = await claimByMessage(relayer, intent(last, toNano('1'), { taskId: 43n }));
            const tx = claimTx(result, relayer.address);
            expect(onlySentTo(tx, treasury.address).value).toBe(feeOf(toNano('32')));
            expect(await balanceOf(f.blockchain, last)).toBe(toNano('1') - feeOf(toNano('1')));
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        it('no executor can be paid twice, however long ago it was paid', async () => {
            for (const index of [0, 1, 2, 3, 15, 28, 29, 30]) {
                const replay = intent(executors[index], toNano('1'), { taskId: 43n, validUntil: T0 + 2 * HOUR });
                await expectRefused(relayer, ERR_ALREADY_CLAIMED, () => claimByMessage(relayer, replay));
            }
        });
    });

    describe('close after the deadline', () => {
        const CLAIMED = toNano('1');

        beforeEach(async () => {
            await claimByComment(worker, intent(worker.address, CLAIMED).body);
        });

        it('requester cannot close before the deadline', async () => {
            await expectRefused(requester, ERR_CLOSE_TOO_EARLY, () => close(requester));
        });

        it('stranger cannot close at the deadline itself', async () => {
            f.blockchain.now = DEADLINE;
            await expectRefused(stranger, ERR_CLOSE_TOO_EARLY, () => close(stranger));
        });

        it('claiming the rest of the budget closes the escrow before the deadline', async () => {
            const result = await claimByComment(worker2, intent(worker2.address, BUDGET - CLAIMED).body);
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: treasury.address, value: feeOf(BUDGET) });
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        /**
         * Closes from `closer` after the deadline and checks the split: the accrued fees exactly to the treasury,
         * everything else the escrow held to the requester, the escrow gone. Returns the close transaction.
         */
        async function expectClosedBy(closer: SandboxContract<TreasuryContract>) {
            f.blockchain.now = DEADLINE + 1;
            const fees = (await escrow.getState()).feesAccrued;
            expect(fees).toBe(feeOf(CLAIMED));
            const escrowBefore = await balanceOf(f.blockchain, escrow.address);

            const result = await close(closer);

            const tx = findTransactionRequired(result.transactions, {
                from: closer.address,
                to: escrow.address,
                success: true,
            });
            const feeMessages = sentMessages(tx).filter((m) => m.to.equals(treasury.address) && m.value === fees);
            expect(feeMessages).toHaveLength(1);
            const rest = sentMessages(tx).filter((m) => m.to.equals(requester.address));
            expect(rest).toHaveLength(1);
            expect(rest[0].value).toBeGreaterThan(BUDGET - CLAIMED);
            const out = sentMessages(tx).reduce((sum, m) => sum + m.value, 0n);
            expect(out).toBe(escrowBefore + inboundValue(tx) - feesBurned(tx));
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(0n);
            return { tx, escrowBefore, fees, rest: rest[0].value };
        }

        it('requester can close after the deadline', async () => {
            const { tx } = await expectClosedBy(requester);
            expect(tx.outMessagesCount).toBe(2);
        });

        it('treasury can close after the deadline, getting the fees and its unused value', async () => {
            const { tx } = await expectClosedBy(treasury);
            expect(tx.outMessagesCount).toBe(3);
            const toTreasury = sentMessages(tx).filter((m) => m.to.equals(treasury.address));
            expect(toTreasury).toHaveLength(2);
        });

        it('stranger can close after the deadline and gets its unused value back', async () => {
            const strangerBefore = await stranger.getBalance();
            const { tx, escrowBefore, fees, rest } = await expectClosedBy(stranger);
            expect(tx.outMessagesCount).toBe(3);
            const change = onlySentTo(tx, stranger.address);
            expect(change.value).toBeGreaterThanOrEqual(CLAIM_VALUE - computeGasFees(tx) - totalForwardFees(tx));
            expect(change.value).toBeLessThan(CLAIM_VALUE);
            expect(strangerBefore - (await stranger.getBalance())).toBeLessThan(CLAIM_VALUE);
            // None of the stranger's value reaches the requester.
            expect(rest).toBeLessThan(escrowBefore - fees);
        });

        it('close with no claims sends nothing to the treasury and everything to the requester', async () => {
            const { escrow: untouched } = await f.fundTask({ taskId: 43n, deadline: BigInt(DEADLINE) });
            f.blockchain.now = DEADLINE + 1;
            const escrowBefore = await balanceOf(f.blockchain, untouched.address);
            const result = await untouched.send(
                requester.getSender(),
                { value: CLAIM_VALUE },
                closeTaskMessage(),
            );
            const tx = findTransactionRequired(result.transactions, {
                from: requester.address,
                to: untouched.address,
                success: true,
            });
            expect(tx.outMessagesCount).toBe(1);
            expect(onlySentTo(tx, requester.address).value).toBe(escrowBefore + CLAIM_VALUE - feesBurned(tx));
            expect(await isActive(f.blockchain, untouched.address)).toBe(false);
        });

        it('nobody can close twice', async () => {
            f.blockchain.now = DEADLINE + 1;
            await close(requester);
            const result = await close(stranger);
            expect(result.transactions).toHaveTransaction({
                from: stranger.address,
                to: escrow.address,
                aborted: true,
            });
            expect(result.transactions).toHaveTransaction({
                from: escrow.address,
                to: stranger.address,
                inMessageBounced: true,
            });
            expect(result.transactions).not.toHaveTransaction({ from: escrow.address, to: requester.address });
        });
    });

    describe('setup', () => {
        function setupFrom(from: SandboxContract<TreasuryContract>) {
            const terms = beginCell()
                .store(
                    storeEscrowTerms({
                        $$type: 'EscrowTerms',
                        requester: from.address,
                        treasury: from.address,
                        backendKey: 1n,
                        feeBps: 0n,
                        maxResults: 32n,
                        fundingId: 1n,
                        deadline: BigInt(DEADLINE + HOUR),
                        budget: toNano('100'),
                    }),
                )
                .endCell();
            const body = beginCell().store(storeSetupEscrow({ $$type: 'SetupEscrow', queryId: 0n, budget: BUDGET, terms })).endCell();
            return escrow.send(from.getSender(), { value: CLAIM_VALUE }, body.beginParse());
        }

        it('master can set up an escrow', async () => {
            expect(plain(await escrow.getState())).toMatchObject(
                plain({ status: STATUS_OPEN, requester: requester.address }),
            );
        });

        it('stranger cannot set up an escrow', async () => {
            await expectRefused(stranger, ERR_NOT_MASTER, () => setupFrom(stranger));
        });

        it('requester cannot rewrite the terms of its own escrow', async () => {
            await expectRefused(requester, ERR_NOT_MASTER, () => setupFrom(requester));
        });

        it('stranger who deploys an escrow ahead of the master leaves it unfunded, and the master can still fund it', async () => {
            // The StateInit the master deploys task 99's escrow with, taken from a funding that is then rolled
            // back: what a stranger could copy from any FundTask on chain (no TaskEscrow.fromInit needed).
            const beforeFunding = f.blockchain.snapshot();
            const { result: probe } = await f.fundTask({ taskId: 99n });
            const init = findTransactionRequired(probe.transactions, { from: f.master.address, deploy: true })
                .inMessage!.init!;
            await f.blockchain.loadFrom(beforeFunding);
            const early = f.blockchain.openContract(TaskEscrow.fromAddress(await f.master.getEscrowAddress(99n)));
            expect(await isActive(f.blockchain, early.address)).toBe(false);

            const closeBody = beginCell()
                .store(storeCloseTask({ $$type: 'CloseTask', queryId: 0n }))
                .endCell();
            const deploy = await stranger.send({ to: early.address, value: CLAIM_VALUE, init, body: closeBody });
            expect(deploy.transactions).toHaveTransaction({
                from: stranger.address,
                to: early.address,
                exitCode: Number(ERR_NOT_FUNDED),
            });
            expect(await early.getState()).toMatchObject({ status: STATUS_UNFUNDED, taskId: 99n, remaining: 0n });

            useEscrow(early);
            await expectRefused(worker, ERR_NOT_FUNDED, () =>
                claimByComment(worker, f.intentFor(early.address, worker.address, toNano('1'), { taskId: 99n }).body),
            );
            await expectRefused(stranger, ERR_NOT_FUNDED, () => close(stranger));

            const { result } = await f.fundTask({ taskId: 99n });
            expect(result.transactions).toHaveTransaction({ from: f.master.address, to: early.address, success: true });
            expect(await early.getState()).toMatchObject({ status: STATUS_OPEN, budget: BUDGET, remaining: BUDGET });
            const paid = await claimByComment(
                worker,
                f.intentFor(early.address, worker.address, toNano('1'), { taskId: 99n }).body,
            );
            expect(paid.transactions).toHaveTransaction({ from: early.address, to: worker.address, success: true });
        });
    });

    describe('routing', () => {
        // The escrow routes every message by opcode in one receiver; whatever it does not know changes nothing.
        it('stranger cannot get a message with an unknown opcode accepted', async () => {
            const body = beginCell().storeUint(0x12345678, 32).storeUint(0, 64).endCell();
            await expectRefused(stranger, 130n, () => stranger.send({ to: escrow.address, value: CLAIM_VALUE, body }));
        });

        it('stranger cannot get a body shorter than an opcode accepted', async () => {
            const body = beginCell().storeUint(0x434c, 16).endCell();
            await expectRefused(stranger, 130n, () => stranger.send({ to: escrow.address, value: CLAIM_VALUE, body }));
        });

        it('worker cannot get an empty text comment accepted: it is read as a comment without the claim prefix', async () => {
            const body = beginCell().storeUint(0, 32).endCell();
            await expectRefused(worker, ERR_COMMENT_PREFIX, () => worker.send({ to: escrow.address, value: CLAIM_VALUE, body }));
        });

        it('relayer cannot get a truncated binary claim accepted', async () => {
            const signed = intent(worker.address, toNano('1'));
            const full = buildClaimRewardBody(signed.intent, signed.signature).beginParse();
            const body = beginCell().storeBits(full.loadBits(full.remainingBits - 8)).endCell();
            await expectRefused(relayer, 9n, () => relayer.send({ to: escrow.address, value: CLAIM_VALUE, body }));
        });
    });
});
