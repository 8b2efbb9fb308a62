// Who an escrow pays, and who pays for it. Regression tests for four defects an outside attack run found:
// relayed claims to masterchain executors drained the reserve; the escrow paid relayed payouts' forwarding; an
// executor whose address hash is zero could not be paid first and could be paid twice; 0:H and -1:H counted as
// one executor.
import '@ton/test-utils';
import { Address, Cell, toNano } from '@ton/core';
import { SandboxContract, SendMessageResult, TreasuryContract } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import {
    ERR_ALREADY_CLAIMED,
    ERR_EXECUTOR_NOT_BASECHAIN,
    ERR_NO_SLOTS,
    TaskEscrow,
} from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { buildClaimRewardBody, PayoutIntent } from '../wrappers/claimEncoding';
import { EscrowFixture, escrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { expectRejected, snapshot, Watch } from './helpers/expectUnchanged';
import { placeEscrow } from './helpers/placeEscrow';
import { balanceOf, computeGasFees, onlySentTo, storageFees, totalForwardFees } from './helpers/valueFlow';

const FEE_BPS = 500n;
const CLAIM_VALUE = toNano('0.05');
const AMOUNT = toNano('0.01');
/** An executor whose address hash is all zeros: a real address, never a placeholder. */
const ZERO_HASH = new Address(0, Buffer.alloc(32, 0));

function shareOf(amount: bigint): bigint {
    return amount - (amount * FEE_BPS) / 10000n;
}

describe('payable executors', () => {
    let f: EscrowFixture;
    let escrow: SandboxContract<TaskEscrow>;
    let relayer: SandboxContract<TreasuryContract>;
    let watch: Watch;

    beforeEach(async () => {
        f = await escrowFixture({ feeBps: FEE_BPS });
        relayer = f.relayer;
        ({ escrow } = await f.fundTask({ taskId: 42n, budget: toNano('1'), maxResults: 32n }));
        watch = {
            blockchain: f.blockchain,
            contract: escrow.address,
            readState: () => escrow.getState(),
            parties: { escrow: escrow.address, relayer: relayer.address, requester: f.requester.address },
        };
    });

    function signed(executor: Address, amount = AMOUNT, validUntil = T0 + HOUR) {
        return f.intentFor(escrow.address, executor, amount, { validUntil });
    }

    function relay(intent: { intent: PayoutIntent; signature: Buffer }): Promise<SendMessageResult> {
        return relayer.send({ to: escrow.address, value: CLAIM_VALUE, body: buildClaimRewardBody(intent.intent, intent.signature) });
    }

    async function expectRelayRefused(intent: { intent: PayoutIntent; signature: Buffer }, exitCode: bigint) {
        const before = await snapshot(watch);
        await expectRejected(await relay(intent), watch, before, relayer.address, exitCode);
    }

    describe('basechain only', () => {
        it('relayer cannot get a masterchain executor paid', async () => {
            await expectRelayRefused(signed(new Address(-1, Buffer.alloc(32, 0x11))), ERR_EXECUTOR_NOT_BASECHAIN);
        });

        it('masterchain wallet cannot claim by comment', async () => {
            const outsider = await f.blockchain.treasury('masterchain worker', { workchain: -1 });
            const before = await snapshot(watch);
            const result = await outsider.send({ to: escrow.address, value: CLAIM_VALUE, body: signed(outsider.address).body });
            await expectRejected(result, watch, before, outsider.address, ERR_EXECUTOR_NOT_BASECHAIN);
        });

        it('the masterchain twin of a paid executor is refused as a masterchain address, not paid', async () => {
            const hash = Buffer.alloc(32, 0x22);
            await relay(signed(new Address(0, hash)));
            await expectRelayRefused(signed(new Address(-1, hash)), ERR_EXECUTOR_NOT_BASECHAIN);
            expect((await escrow.getState()).slotsUsed).toBe(1n);
        });
    });

    describe('relayers pay for what they cause', () => {
        it('relayed claim costs the escrow exactly the share: the relayer pays the payout forwarding', async () => {
            const executor = new Address(0, Buffer.alloc(32, 0x33));
            const escrowBefore = await balanceOf(f.blockchain, escrow.address);
            const result = await relay(signed(executor));
            const tx = findTransactionRequired(result.transactions, { from: relayer.address, to: escrow.address, success: true });
            expect(onlySentTo(tx, executor).value).toBe(shareOf(AMOUNT));
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(escrowBefore - shareOf(AMOUNT) - storageFees(tx));
            expect(onlySentTo(tx, relayer.address).value + totalForwardFees(tx)).toBe(CLAIM_VALUE - computeGasFees(tx));
        });

        it('thirty relayed claims leave the escrow holding exactly the budget left and the reserve', async () => {
            const before = await balanceOf(f.blockchain, escrow.address);
            let storage = 0n;
            for (let i = 1; i <= 30; i++) {
                const result = await relay(signed(new Address(0, Buffer.alloc(32, i))));
                storage += storageFees(findTransactionRequired(result.transactions, { to: escrow.address, success: true }));
            }
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(before - 30n * shareOf(AMOUNT) - storage);
            expect((await escrow.getState()).slotsUsed).toBe(30n);
        });
    });

    describe('the all-zero address hash is an executor like any other', () => {
        it('executor with a zero address hash can be the first paid', async () => {
            const result = await relay(signed(ZERO_HASH));
            expect(result.transactions).toHaveTransaction({ from: escrow.address, to: ZERO_HASH, value: shareOf(AMOUNT) });
            expect((await escrow.getState()).slotsUsed).toBe(1n);
        });

        it('executor with a zero address hash cannot be paid twice, however many claims come after it', async () => {
            await relay(signed(ZERO_HASH));
            for (let i = 1; i <= 6; i++) {
                await relay(signed(new Address(0, Buffer.alloc(32, i))));
                await expectRelayRefused(signed(ZERO_HASH, AMOUNT, T0 + 2 * HOUR), ERR_ALREADY_CLAIMED);
            }
        });

        it('executor with a zero address hash paid in the middle of the record cannot be paid twice', async () => {
            for (let i = 1; i <= 4; i++) await relay(signed(new Address(0, Buffer.alloc(32, i))));
            await relay(signed(ZERO_HASH));
            for (let i = 5; i <= 9; i++) await relay(signed(new Address(0, Buffer.alloc(32, i))));
            await expectRelayRefused(signed(ZERO_HASH, AMOUNT, T0 + 2 * HOUR), ERR_ALREADY_CLAIMED);
        });
    });

    describe('the record of paid executors', () => {
        /** Cells of the escrow's data: the root, the terms, and the chain of older executors. */
        async function dataCells(): Promise<number> {
            const state = (await f.blockchain.getContract(escrow.address)).accountState;
            if (state?.type !== 'active' || !state.state.data) throw new Error('escrow is not active');
            const count = (c: Cell): number => 1 + c.refs.reduce((sum, r) => sum + count(r), 0);
            return count(state.state.data);
        }

        it('keeps the first two executors in the root and packs the next three into one chain cell', async () => {
            for (let i = 1; i <= 2; i++) await relay(signed(new Address(0, Buffer.alloc(32, i))));
            expect(await dataCells()).toBe(2);
            for (let i = 3; i <= 5; i++) await relay(signed(new Address(0, Buffer.alloc(32, i))));
            expect(await dataCells()).toBe(3);
            await relay(signed(new Address(0, Buffer.alloc(32, 6))));
            expect(await dataCells()).toBe(4);
        });
    });

    describe('slots', () => {
        it('an escrow whose every slot is used refuses a claim, though paying the last slot closes it first', async () => {
            // Paying the last slot destroys the escrow, so no chain history reaches this state: placed directly, it
            // shows the slot check holds on its own.
            const at = new Address(0, Buffer.alloc(32, 0x5e));
            const full = await placeEscrow(
                f.blockchain,
                at,
                {
                    master: f.master.address,
                    taskId: 42n,
                    requester: f.requester.address,
                    treasury: f.treasury.address,
                    backendKey: BigInt('0x' + f.backendKey.publicKey.toString('hex')),
                    feeBps: FEE_BPS,
                    maxResults: 2n,
                    deadline: BigInt(T0 + 2 * HOUR),
                    fundingId: 7n,
                    budget: toNano('1'),
                },
                { $$type: 'PaidExecutors', count: 2n, first: 1n, second: 2n, later: null },
            );
            watch = { ...watch, contract: at, readState: () => full.getState(), parties: { escrow: at, relayer: relayer.address } };
            const claim = f.intentFor(at, new Address(0, Buffer.alloc(32, 3)), AMOUNT, { fundingId: 7n });
            const before = await snapshot(watch);
            const result = await relayer.send({ to: at, value: CLAIM_VALUE, body: buildClaimRewardBody(claim.intent, claim.signature) });
            await expectRejected(result, watch, before, relayer.address, ERR_NO_SLOTS);
        });
    });
});
