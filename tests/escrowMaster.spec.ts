import '@ton/test-utils';
import { toNano } from '@ton/core';
import { SandboxContract, TreasuryContract } from '@ton/sandbox';
import { findTransactionRequired } from '@ton/test-utils';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import {
    AcceptOwnership,
    ERR_BAD_BUDGET,
    ERR_BAD_SIGNATURE,
    ERR_BAD_SLOTS,
    ERR_BAD_TASK_ID,
    ERR_DEADLINE_PAST,
    ERR_DEADLINE_TOO_FAR,
    ERR_FEE_TOO_HIGH,
    ERR_FUNDING_STOPPED,
    ERR_NOT_OWNER,
    ERR_NOT_PENDING_OWNER,
    ERR_REQUESTER_NOT_BASECHAIN,
    ERR_TREASURY_NOT_BASECHAIN,
    ERR_VALUE_TOO_LOW,
    ERR_ZERO_KEY,
    ESCROW_RESERVE,
    loadFundingReturned,
    MAX_AMOUNT,
    MAX_FEE_BPS,
    MAX_RESULT_SLOTS,
    MAX_TASK_ID,
    MAX_TASK_DURATION,
    ProposeOwner,
    SetBackendKey,
    SetFee,
    SetStopped,
    SetTreasury,
} from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { STATUS_OPEN, TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { EscrowFixture, escrowFixture, HOUR, T0, TaskTerms } from './helpers/escrowFixture';
import { expectRejected, snapshot, Watch } from './helpers/expectUnchanged';
import { plain } from './helpers/plain';
import { balanceOf, costToSender, feesBurned, isActive, onlySentTo, storageFees } from './helpers/valueFlow';
import { closeTaskMessage } from '../wrappers/taskEscrowMessages';

type AdminMessage = SetBackendKey | SetFee | SetTreasury | SetStopped | ProposeOwner | AcceptOwnership;

function keyAsInt(key: KeyPair): bigint {
    return BigInt('0x' + key.publicKey.toString('hex'));
}

describe('EscrowMaster', () => {
    let f: EscrowFixture;
    let owner: SandboxContract<TreasuryContract>;
    let requester: SandboxContract<TreasuryContract>;
    let stranger: SandboxContract<TreasuryContract>;
    let treasury: SandboxContract<TreasuryContract>;
    let masterWatch: Watch;

    beforeEach(async () => {
        f = await escrowFixture();
        ({ owner, requester, stranger, treasury } = f);
        masterWatch = {
            blockchain: f.blockchain,
            contract: f.master.address,
            readState: () => f.master.getConfig(),
            parties: {
                master: f.master.address,
                owner: owner.address,
                treasury: treasury.address,
                requester: requester.address,
                worker: f.worker.address,
                stranger: stranger.address,
            },
        };
    });

    function admin(from: SandboxContract<TreasuryContract>, message: AdminMessage) {
        return f.master.send(from.getSender(), { value: toNano('0.05') }, message);
    }

    /** Sends `message` from `from` and checks it was refused with `exitCode`, changing nothing. */
    async function expectAdminRefused(
        from: SandboxContract<TreasuryContract>,
        message: AdminMessage,
        exitCode: bigint,
    ) {
        const before = await snapshot(masterWatch);
        const result = await admin(from, message);
        await expectRejected(result, masterWatch, before, from.address, exitCode);
    }

    /** Funds with `terms` from the requester and checks the master refused with `exitCode`, deploying nothing. */
    async function expectFundingRefused(terms: Partial<TaskTerms>, exitCode: bigint) {
        const before = await snapshot(masterWatch);
        const { result, escrow } = await f.fundTask(terms);
        await expectRejected(result, masterWatch, before, requester.address, exitCode);
        expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        expect(result.transactions).not.toHaveTransaction({ to: escrow.address });
    }

    /** Funds with `terms` and checks an escrow was deployed and is open. */
    async function expectFunded(terms: Partial<TaskTerms>) {
        const { result, escrow } = await f.fundTask(terms);
        expect(result.transactions).toHaveTransaction({
            from: f.master.address,
            to: escrow.address,
            deploy: true,
            success: true,
        });
        expect((await escrow.getState()).status).toBe(STATUS_OPEN);
        return escrow;
    }

    describe('deployment', () => {
        it('master reports the configuration it was deployed with', async () => {
            expect(plain(await f.master.getConfig())).toEqual(
                plain({
                    $$type: 'MasterConfig',
                    owner: owner.address,
                    pendingOwner: null,
                    treasury: treasury.address,
                    backendKey: keyAsInt(f.backendKey),
                    feeBps: 500n,
                    stopped: false,
                    maxFeeBps: MAX_FEE_BPS,
                    maxResultSlots: MAX_RESULT_SLOTS,
                    escrowReserve: ESCROW_RESERVE,
                }),
            );
        });

        it('master derives a distinct escrow address for each task id', async () => {
            const a = await f.master.getEscrowAddress(42n);
            expect((await f.master.getEscrowAddress(42n)).equals(a)).toBe(true);
            expect((await f.master.getEscrowAddress(43n)).equals(a)).toBe(false);
        });
    });

    describe('FundTask', () => {
        it('requester can fund a task, which deploys its escrow with the terms snapshotted', async () => {
            const masterBefore = await balanceOf(f.blockchain, f.master.address);
            const { result, escrow, terms } = await f.fundTask();

            expect(result.transactions).toHaveTransaction({
                from: requester.address,
                to: f.master.address,
                success: true,
            });
            expect(result.transactions).toHaveTransaction({
                from: f.master.address,
                to: escrow.address,
                deploy: true,
                success: true,
            });
            expect(plain(await escrow.getState())).toEqual(
                plain({
                    $$type: 'EscrowState',
                    master: f.master.address,
                    taskId: 42n,
                    status: STATUS_OPEN,
                    requester: requester.address,
                    treasury: treasury.address,
                    backendKey: keyAsInt(f.backendKey),
                    feeBps: 500n,
                    maxResults: terms.maxResults,
                    deadline: terms.deadline,
                    // The funding id is the master's logical time while it funded: unique per funding.
                    fundingId: findTransactionRequired(result.transactions, { to: f.master.address }).lt,
                    budget: terms.budget,
                    slotsUsed: 0n,
                    remaining: terms.budget,
                    feesAccrued: 0n,
                }),
            );

            // The master keeps nothing of a task's money: all of it, less the fees on the way, sits in the escrow.
            const masterTx = findTransactionRequired(result.transactions, { to: f.master.address });
            const escrowTx = findTransactionRequired(result.transactions, { to: escrow.address });
            const escrowBalance = await balanceOf(f.blockchain, escrow.address);
            expect(escrowBalance).toBeGreaterThanOrEqual(terms.budget);
            expect(escrowBalance).toBe(
                terms.budget + ESCROW_RESERVE - (feesBurned(masterTx) - storageFees(masterTx)) - feesBurned(escrowTx),
            );
            expect(await balanceOf(f.blockchain, f.master.address)).toBe(masterBefore - storageFees(masterTx));
        });

        it('requester can fund with exactly the budget plus the reserve attached', async () => {
            await expectFunded({ value: toNano('3') + ESCROW_RESERVE });
        });

        it('requester cannot fund with one nanoton less than the budget plus the reserve', async () => {
            await expectFundingRefused({ value: toNano('3') + ESCROW_RESERVE - 1n }, ERR_VALUE_TOO_LOW);
        });

        it('requester cannot fund a zero budget', async () => {
            await expectFundingRefused({ budget: 0n, value: toNano('1') }, ERR_BAD_BUDGET);
        });

        it('requester cannot fund a budget above MAX_AMOUNT', async () => {
            await expectFundingRefused({ budget: MAX_AMOUNT + 1n, value: toNano('1') }, ERR_BAD_BUDGET);
        });

        it('requester can fund a budget of exactly MAX_AMOUNT', async () => {
            const rich = await f.blockchain.treasury('rich', { balance: 2n * MAX_AMOUNT });
            const { result, escrow } = await f.fundTask({ budget: MAX_AMOUNT, value: MAX_AMOUNT + ESCROW_RESERVE }, rich);
            expect(result.transactions).toHaveTransaction({ from: f.master.address, to: escrow.address, success: true });
            expect(await escrow.getState()).toMatchObject({ status: STATUS_OPEN, budget: MAX_AMOUNT, remaining: MAX_AMOUNT });
        });

        it('requester can fund task id MAX_TASK_ID', async () => {
            const escrow = await expectFunded({ taskId: MAX_TASK_ID });
            expect((await escrow.getState()).taskId).toBe(MAX_TASK_ID);
        });

        it('requester cannot fund task id MAX_TASK_ID + 1', async () => {
            await expectFundingRefused({ taskId: MAX_TASK_ID + 1n }, ERR_BAD_TASK_ID);
        });

        it('requester with a masterchain wallet cannot fund: its refund would cost the reserve 25 times as much', async () => {
            const outsider = await f.blockchain.treasury('masterchain requester', { workchain: -1 });
            const before = await snapshot(masterWatch);
            const { result, escrow } = await f.fundTask({}, outsider);
            await expectRejected(result, masterWatch, before, outsider.address, ERR_REQUESTER_NOT_BASECHAIN);
            expect(await isActive(f.blockchain, escrow.address)).toBe(false);
        });

        it('requester can fund one result slot', async () => {
            await expectFunded({ maxResults: 1n });
        });

        it('requester cannot fund zero result slots', async () => {
            await expectFundingRefused({ maxResults: 0n }, ERR_BAD_SLOTS);
        });

        it('requester can fund MAX_RESULT_SLOTS result slots', async () => {
            await expectFunded({ maxResults: MAX_RESULT_SLOTS });
        });

        it('requester cannot fund one slot more than MAX_RESULT_SLOTS', async () => {
            await expectFundingRefused({ maxResults: MAX_RESULT_SLOTS + 1n }, ERR_BAD_SLOTS);
        });

        it('requester can fund a task whose deadline is one second away', async () => {
            await expectFunded({ deadline: BigInt(T0 + 1) });
        });

        it('requester cannot fund a task whose deadline is now', async () => {
            await expectFundingRefused({ deadline: BigInt(T0) }, ERR_DEADLINE_PAST);
        });

        it('requester cannot fund a task whose deadline has passed', async () => {
            await expectFundingRefused({ deadline: BigInt(T0 - HOUR) }, ERR_DEADLINE_PAST);
        });

        it('requester can fund a task whose deadline is MAX_TASK_DURATION away', async () => {
            await expectFunded({ deadline: BigInt(T0) + MAX_TASK_DURATION });
        });

        it('requester cannot fund a task whose deadline is further than MAX_TASK_DURATION away', async () => {
            await expectFundingRefused({ deadline: BigInt(T0) + MAX_TASK_DURATION + 1n }, ERR_DEADLINE_TOO_FAR);
        });

        it('requester can fund a second task, which gets its own escrow', async () => {
            const first = await expectFunded({ taskId: 42n });
            const second = await expectFunded({ taskId: 43n, budget: toNano('5') });
            expect(second.address.equals(first.address)).toBe(false);
            expect((await first.getState()).budget).toBe(toNano('3'));
            expect((await second.getState()).budget).toBe(toNano('5'));
        });

        it('second funder of a funded task gets its value back and the first escrow is unchanged', async () => {
            const { escrow } = await f.fundTask();
            const stateBefore = await escrow.getState();
            const escrowBefore = await balanceOf(f.blockchain, escrow.address);
            const strangerBefore = await stranger.getBalance();
            const requesterBefore = await requester.getBalance();

            const { result } = await f.fundTask({ budget: toNano('5'), maxResults: 1n }, stranger);

            const escrowTx = findTransactionRequired(result.transactions, {
                from: f.master.address,
                to: escrow.address,
                success: true,
            });
            const returned = onlySentTo(escrowTx, stranger.address);
            expect(escrowTx.outMessagesCount).toBe(1);
            expect(result.transactions).toHaveTransaction({
                from: escrow.address,
                to: stranger.address,
                success: true,
            });
            const notice = loadFundingReturned(
                findTransactionRequired(result.transactions, {
                    from: escrow.address,
                    to: stranger.address,
                }).inMessage!.body.beginParse(),
            );
            expect(notice).toEqual({ $$type: 'FundingReturned', queryId: 1n, taskId: 42n });
            expect(returned.value).toBeLessThan(toNano('5') + ESCROW_RESERVE);

            expect(plain(await escrow.getState())).toEqual(plain(stateBefore));
            expect(await balanceOf(f.blockchain, escrow.address)).toBe(escrowBefore - storageFees(escrowTx));
            expect(await stranger.getBalance()).toBe(
                strangerBefore - costToSender(result.transactions, stranger.address),
            );
            expect(await requester.getBalance()).toBe(requesterBefore);
        });

        it('funding is refused while stopped, with the value returned and nothing deployed', async () => {
            await admin(owner, { $$type: 'SetStopped', queryId: 0n, stopped: true });
            await expectFundingRefused({}, ERR_FUNDING_STOPPED);
        });
    });

    describe('admin', () => {
        it('owner can rotate the backend key', async () => {
            const newKey = keyPairFromSeed(Buffer.alloc(32, 8));
            const result = await admin(owner, { $$type: 'SetBackendKey', queryId: 0n, backendKey: keyAsInt(newKey) });
            expect(result.transactions).toHaveTransaction({ from: owner.address, to: f.master.address, success: true });
            expect(result.transactions).toHaveTransaction({ from: f.master.address, to: owner.address });
            expect((await f.master.getConfig()).backendKey).toBe(keyAsInt(newKey));
        });

        it('owner cannot set a zero backend key', async () => {
            await expectAdminRefused(owner, { $$type: 'SetBackendKey', queryId: 0n, backendKey: 0n }, ERR_ZERO_KEY);
        });

        it('stranger cannot rotate the backend key', async () => {
            const key = keyAsInt(keyPairFromSeed(Buffer.alloc(32, 9)));
            await expectAdminRefused(
                stranger,
                { $$type: 'SetBackendKey', queryId: 0n, backendKey: key },
                ERR_NOT_OWNER,
            );
        });

        it('owner can set the fee to the cap', async () => {
            const result = await admin(owner, { $$type: 'SetFee', queryId: 0n, feeBps: MAX_FEE_BPS });
            expect(result.transactions).toHaveTransaction({ from: owner.address, to: f.master.address, success: true });
            expect((await f.master.getConfig()).feeBps).toBe(2000n);
        });

        it('owner cannot set the fee one basis point above the cap', async () => {
            await expectAdminRefused(
                owner,
                { $$type: 'SetFee', queryId: 0n, feeBps: MAX_FEE_BPS + 1n },
                ERR_FEE_TOO_HIGH,
            );
        });

        it('owner can set a zero fee', async () => {
            await admin(owner, { $$type: 'SetFee', queryId: 0n, feeBps: 0n });
            expect((await f.master.getConfig()).feeBps).toBe(0n);
        });

        it('stranger cannot set the fee', async () => {
            await expectAdminRefused(stranger, { $$type: 'SetFee', queryId: 0n, feeBps: 0n }, ERR_NOT_OWNER);
        });

        it('owner can set the treasury', async () => {
            const result = await admin(owner, { $$type: 'SetTreasury', queryId: 0n, treasury: stranger.address });
            expect(result.transactions).toHaveTransaction({ from: owner.address, to: f.master.address, success: true });
            expect((await f.master.getConfig()).treasury.equals(stranger.address)).toBe(true);
        });

        it('owner cannot set a masterchain treasury', async () => {
            const outsider = await f.blockchain.treasury('masterchain treasury', { workchain: -1 });
            await expectAdminRefused(
                owner,
                { $$type: 'SetTreasury', queryId: 0n, treasury: outsider.address },
                ERR_TREASURY_NOT_BASECHAIN,
            );
        });

        it('stranger cannot set the treasury', async () => {
            await expectAdminRefused(
                stranger,
                { $$type: 'SetTreasury', queryId: 0n, treasury: stranger.address },
                ERR_NOT_OWNER,
            );
        });

        it('owner can stop new funding and resume it', async () => {
            await admin(owner, { $$type: 'SetStopped', queryId: 0n, stopped: true });
            expect((await f.master.getConfig()).stopped).toBe(true);
            await expectFundingRefused({}, ERR_FUNDING_STOPPED);

            await admin(owner, { $$type: 'SetStopped', queryId: 0n, stopped: false });
            expect((await f.master.getConfig()).stopped).toBe(false);
            await expectFunded({});
        });

        it('funded escrows keep paying while new funding is stopped', async () => {
            const { escrow } = await f.fundTask();
            await admin(owner, { $$type: 'SetStopped', queryId: 0n, stopped: true });
            const { body } = f.intentFor(escrow.address, f.worker.address, toNano('1'));
            const result = await f.worker.send({ to: escrow.address, value: toNano('0.1'), body });
            expect(result.transactions).toHaveTransaction({
                from: escrow.address,
                to: f.worker.address,
                success: true,
            });
        });

        it('stranger cannot stop new funding', async () => {
            await expectAdminRefused(stranger, { $$type: 'SetStopped', queryId: 0n, stopped: true }, ERR_NOT_OWNER);
        });

        it('owner can hand over ownership in two steps', async () => {
            const heir = f.worker;
            await admin(owner, { $$type: 'ProposeOwner', queryId: 0n, newOwner: heir.address });
            expect(plain(await f.master.getConfig())).toMatchObject(
                plain({ owner: owner.address, pendingOwner: heir.address }),
            );

            const result = await admin(heir, { $$type: 'AcceptOwnership', queryId: 0n });
            expect(result.transactions).toHaveTransaction({ from: heir.address, to: f.master.address, success: true });
            expect(plain(await f.master.getConfig())).toMatchObject(plain({ owner: heir.address, pendingOwner: null }));

            await admin(heir, { $$type: 'SetFee', queryId: 0n, feeBps: 100n });
            expect((await f.master.getConfig()).feeBps).toBe(100n);
        });

        it('former owner cannot administer after the handover', async () => {
            await admin(owner, { $$type: 'ProposeOwner', queryId: 0n, newOwner: f.worker.address });
            await admin(f.worker, { $$type: 'AcceptOwnership', queryId: 0n });
            await expectAdminRefused(owner, { $$type: 'SetFee', queryId: 0n, feeBps: 0n }, ERR_NOT_OWNER);
        });

        it('proposed owner is not the owner until it accepts', async () => {
            await admin(owner, { $$type: 'ProposeOwner', queryId: 0n, newOwner: f.worker.address });
            await expectAdminRefused(f.worker, { $$type: 'SetFee', queryId: 0n, feeBps: 0n }, ERR_NOT_OWNER);
        });

        it('stranger cannot accept a handover proposed to someone else', async () => {
            await admin(owner, { $$type: 'ProposeOwner', queryId: 0n, newOwner: f.worker.address });
            await expectAdminRefused(stranger, { $$type: 'AcceptOwnership', queryId: 0n }, ERR_NOT_PENDING_OWNER);
        });

        it('nobody can accept ownership when no handover is pending', async () => {
            await expectAdminRefused(owner, { $$type: 'AcceptOwnership', queryId: 0n }, ERR_NOT_PENDING_OWNER);
        });

        it('owner proposing itself cancels a pending handover', async () => {
            await admin(owner, { $$type: 'ProposeOwner', queryId: 0n, newOwner: f.worker.address });
            await admin(owner, { $$type: 'ProposeOwner', queryId: 0n, newOwner: owner.address });
            expect(plain(await f.master.getConfig())).toMatchObject(
                plain({ owner: owner.address, pendingOwner: null }),
            );
            await expectAdminRefused(f.worker, { $$type: 'AcceptOwnership', queryId: 0n }, ERR_NOT_PENDING_OWNER);
        });

        it('stranger cannot propose a new owner', async () => {
            await expectAdminRefused(
                stranger,
                { $$type: 'ProposeOwner', queryId: 0n, newOwner: stranger.address },
                ERR_NOT_OWNER,
            );
        });
    });

    describe('settings are snapshotted at funding', () => {
        /** Funds task `taskId` with the default terms and returns its escrow. */
        async function fund(taskId: bigint): Promise<SandboxContract<TaskEscrow>> {
            const { escrow } = await f.fundTask({ taskId });
            return escrow;
        }

        /** The worker claims `amount` from `escrow` by comment, signed with `key`. */
        function claim(escrow: SandboxContract<TaskEscrow>, taskId: bigint, key: KeyPair, amount = toNano('1')) {
            const { body } = f.intentFor(escrow.address, f.worker.address, amount, { taskId, key });
            return f.worker.send({ to: escrow.address, value: toNano('0.1'), body });
        }

        function escrowWatch(escrow: SandboxContract<TaskEscrow>): Watch {
            return {
                ...masterWatch,
                contract: escrow.address,
                readState: () => escrow.getState(),
                parties: { ...masterWatch.parties, escrow: escrow.address },
            };
        }

        it('a rotated key signs only for tasks funded afterwards', async () => {
            const newKey = keyPairFromSeed(Buffer.alloc(32, 8));
            const oldEscrow = await fund(42n);
            await admin(owner, { $$type: 'SetBackendKey', queryId: 0n, backendKey: keyAsInt(newKey) });
            const newEscrow = await fund(43n);
            expect((await oldEscrow.getState()).backendKey).toBe(keyAsInt(f.backendKey));
            expect((await newEscrow.getState()).backendKey).toBe(keyAsInt(newKey));

            const oldWatch = escrowWatch(oldEscrow);
            let before = await snapshot(oldWatch);
            await expectRejected(
                await claim(oldEscrow, 42n, newKey),
                oldWatch,
                before,
                f.worker.address,
                ERR_BAD_SIGNATURE,
            );

            const newWatch = escrowWatch(newEscrow);
            before = await snapshot(newWatch);
            await expectRejected(
                await claim(newEscrow, 43n, f.backendKey),
                newWatch,
                before,
                f.worker.address,
                ERR_BAD_SIGNATURE,
            );

            for (const [escrow, taskId, key] of [
                [oldEscrow, 42n, f.backendKey],
                [newEscrow, 43n, newKey],
            ] as const) {
                const result = await claim(escrow, taskId, key);
                expect(result.transactions).toHaveTransaction({
                    from: f.worker.address,
                    to: escrow.address,
                    success: true,
                });
                expect((await escrow.getState()).slotsUsed).toBe(1n);
            }
        });

        it('a fee change applies only to tasks funded afterwards', async () => {
            const oldEscrow = await fund(42n);
            await admin(owner, { $$type: 'SetFee', queryId: 0n, feeBps: MAX_FEE_BPS });
            const newEscrow = await fund(43n);

            await claim(oldEscrow, 42n, f.backendKey, toNano('1'));
            await claim(newEscrow, 43n, f.backendKey, toNano('1'));
            expect(await oldEscrow.getState()).toMatchObject({ feeBps: 500n, feesAccrued: toNano('0.05') });
            expect(await newEscrow.getState()).toMatchObject({ feeBps: MAX_FEE_BPS, feesAccrued: toNano('0.2') });
        });

        it('a treasury change applies only to tasks funded afterwards', async () => {
            const newTreasury = await f.blockchain.treasury('treasury2');
            const oldEscrow = await fund(42n);
            await admin(owner, { $$type: 'SetTreasury', queryId: 0n, treasury: newTreasury.address });
            const newEscrow = await fund(43n);
            expect((await oldEscrow.getState()).treasury?.equals(treasury.address)).toBe(true);
            expect((await newEscrow.getState()).treasury?.equals(newTreasury.address)).toBe(true);

            await claim(oldEscrow, 42n, f.backendKey);
            await claim(newEscrow, 43n, f.backendKey);
            f.blockchain.now = T0 + 25 * HOUR;
            for (const [escrow, feesTo] of [
                [oldEscrow, treasury.address],
                [newEscrow, newTreasury.address],
            ] as const) {
                const result = await escrow.send(
                    requester.getSender(),
                    { value: toNano('0.1') },
                    closeTaskMessage(),
                );
                const closeTx = findTransactionRequired(result.transactions, {
                    from: requester.address,
                    to: escrow.address,
                    success: true,
                });
                expect(onlySentTo(closeTx, feesTo).value).toBe(toNano('0.05'));
            }
        });
    });

    describe('settings given at deployment, which the master does not check there', () => {
        it('a master deployed with a fee above the cap cannot fund', async () => {
            const g = await escrowFixture({ feeBps: MAX_FEE_BPS + 1n });
            const before = await g.master.getConfig();
            const { result, escrow } = await g.fundTask();
            expect(result.transactions).toHaveTransaction({
                from: g.requester.address,
                to: g.master.address,
                aborted: true,
                exitCode: Number(ERR_FEE_TOO_HIGH),
            });
            expect(await isActive(g.blockchain, escrow.address)).toBe(false);
            expect(plain(await g.master.getConfig())).toEqual(plain(before));
        });

        it('a master deployed with a masterchain treasury cannot fund', async () => {
            const g = await escrowFixture({ treasuryWorkchain: -1 });
            const { result, escrow } = await g.fundTask();
            expect(result.transactions).toHaveTransaction({
                from: g.requester.address,
                to: g.master.address,
                aborted: true,
                exitCode: Number(ERR_TREASURY_NOT_BASECHAIN),
            });
            expect(await isActive(g.blockchain, escrow.address)).toBe(false);
        });
    });
});
