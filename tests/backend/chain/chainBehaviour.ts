// What every ChainAdapter must do, checked against a sandbox escrow fixture: each spec connects its adapter to the
// fixture's chain and runs these same checks, so the sandbox and toncenter paths cannot drift apart.
import { Address, beginCell, Cell, toNano } from '@ton/core';
import { createShardAccount, SandboxContract, TreasuryContract } from '@ton/sandbox';
import { flattenTransaction } from '@ton/test-utils';
import { KeyPair, keyPairFromSeed } from '@ton/crypto';
import { ChainAdapter } from '../../../backend/src/chain/chain';
import { TaskEscrow } from '../../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { unfundedEscrowInit } from '../../../wrappers/taskEscrowInit';
import {
    buildClaimComment,
    buildClaimRewardBody,
    claimCommentCell,
    MAX_TASK_ID,
    SignatureEncoding,
} from '../../../wrappers/claimEncoding';
import { EscrowFixture, escrowFixture, HOUR, T0 } from '../../helpers/escrowFixture';
import { plain } from '../../helpers/plain';

const CLAIM_VALUE = toNano('0.1');

export interface ConnectedChain {
    chain: ChainAdapter;
    close?: () => Promise<void>;
}

/** Registers the shared checks in the calling `describe`; `connect` points an adapter at the fixture's chain. */
export function behavesAsEscrowChain(connect: (f: EscrowFixture) => Promise<ConnectedChain>): void {
    let f: EscrowFixture;
    let connected: ConnectedChain | undefined;
    let chain: ChainAdapter;

    beforeEach(async () => {
        f = await escrowFixture();
        connected = await connect(f);
        chain = connected.chain;
    });

    afterEach(async () => {
        await connected?.close?.();
        connected = undefined;
    });

    /** `executor` claims `amount` by a comment from its own wallet. */
    function claimByComment(
        escrow: Address,
        executor: SandboxContract<TreasuryContract>,
        amount: bigint,
        encoding: SignatureEncoding = 'hex',
    ) {
        const { intent, signature } = intentFor(escrow, executor.address, amount);
        const body = claimCommentCell(buildClaimComment({ ...intent, signature }, encoding));
        return sendClaim(executor, escrow, body, executor.address, amount);
    }

    /** The relayer sends the binary claim of `amount` for `executor`, signed with `key` (the backend's by default). */
    function relayClaim(escrow: Address, executor: Address, amount: bigint, key?: KeyPair) {
        const { intent, signature } = intentFor(escrow, executor, amount, key);
        return sendClaim(f.relayer, escrow, buildClaimRewardBody(intent, signature), executor, amount);
    }

    /** An intent signed for the adapter's global id, so a claim succeeds only if the adapter names it right. */
    function intentFor(escrow: Address, executor: Address, amount: bigint, key?: KeyPair) {
        return f.intentFor(escrow, executor, amount, { globalId: chain.globalId, key });
    }

    /** Sends a claim; reports whether the escrow accepted it, and the ClaimSeen it must then produce. */
    async function sendClaim(
        from: SandboxContract<TreasuryContract>,
        escrow: Address,
        body: Cell,
        executor: Address,
        amount: bigint,
    ) {
        const result = await from.send({ to: escrow, value: CLAIM_VALUE, body });
        const tx = result.transactions.find((t) => flattenTransaction(t).to?.equals(escrow));
        if (!tx) throw new Error('the claim reached no escrow');
        const success = flattenTransaction(tx).success === true;
        return { success, seen: { executor, amount, lt: tx.lt, txHash: tx.hash().toString('hex') } };
    }

    it('reports the master config its getter reports', async () => {
        const { owner, treasury, backendKey, feeBps, stopped } = await f.master.getConfig();
        expect(chain.masterAddress.equals(f.master.address)).toBe(true);
        expect(plain(await chain.masterConfig())).toEqual(plain({ owner, treasury, backendKey, feeBps, stopped }));
    });

    it('derives escrow addresses as the master does', async () => {
        for (const taskId of [0n, 42n, MAX_TASK_ID]) {
            expect((await chain.escrowAddress(taskId)).equals(await f.master.getEscrowAddress(taskId))).toBe(true);
        }
    });

    it('refuses task ids the contract cannot hold', async () => {
        await expect(chain.escrowAddress(-1n)).rejects.toThrow(RangeError);
        await expect(chain.escrowAddress(MAX_TASK_ID + 1n)).rejects.toThrow(RangeError);
    });

    it("reads a funded escrow's exact terms", async () => {
        const terms = { taskId: 77n, budget: toNano('2.5'), maxResults: 4n, deadline: BigInt(T0 + 5 * HOUR) };
        const { escrow } = await f.fundTask(terms);

        const state = await chain.escrowState(escrow.address);

        const config = await f.master.getConfig();
        expect(f.fundingIdOf(escrow.address)).toBeGreaterThan(0n);
        expect(plain(state!)).toEqual(
            plain({
                address: escrow.address,
                master: f.master.address,
                ...terms,
                requester: f.requester.address,
                treasury: f.treasury.address,
                backendKey: config.backendKey,
                feeBps: config.feeBps,
                fundingId: f.fundingIdOf(escrow.address),
                slotsUsed: 0n,
                remaining: terms.budget,
                feesAccrued: 0n,
            }),
        );
    });

    it('has no escrow state where nothing was deployed', async () => {
        expect(await chain.escrowState(await chain.escrowAddress(7n))).toBeNull();
    });

    it('has no escrow state for an escrow deployed but never funded', async () => {
        // Only the master's funding message succeeds at an escrow, so this state is put in place by hand.
        const { init, address } = await unfundedEscrowInit(f.master.address, 7n);
        if (!init) throw new Error('unfundedEscrowInit gave no init');
        expect(address.equals(await chain.escrowAddress(7n))).toBe(true);
        await f.blockchain.setShardAccount(
            address,
            createShardAccount({ address, code: init.code, data: init.data, balance: toNano('0.05') }),
        );
        expect((await f.blockchain.getContract(address)).accountState?.type).toBe('active');
        expect(await chain.escrowState(address)).toBeNull();
    });

    it('has no escrow state once the escrow closed and destroyed itself', async () => {
        const { escrow } = await f.fundTask({ maxResults: 1n });
        expect((await claimByComment(escrow.address, f.worker, toNano('1'))).success).toBe(true);
        expect(await chain.escrowState(escrow.address)).toBeNull();
    });

    it('lists exactly the successful claims, oldest first, and the escrow shows them', async () => {
        const { escrow } = await f.fundTask({ maxResults: 5n, budget: toNano('4') });
        const at = escrow.address;
        const attempts = [
            await claimByComment(at, f.worker, toNano('1')),
            await claimByComment(at, f.worker2, toNano('0.5'), 'base64url'),
            await claimByComment(at, f.worker, toNano('1')),
            await relayClaim(at, f.stranger.address, toNano('0.7'), keyPairFromSeed(Buffer.alloc(32, 9))),
            await relayClaim(at, f.stranger.address, toNano('0.25')),
        ];
        expect(attempts.map((a) => a.success)).toEqual([true, true, false, false, true]);

        const claims = await chain.claimsOf(at);

        expect(plain(claims)).toEqual(plain(attempts.filter((a) => a.success).map((a) => a.seen)));
        expect(await chain.escrowState(at)).toMatchObject({ slotsUsed: 3n, remaining: toNano('4') - toNano('1.75') });
    });

    it('still lists the claims after the last slot closed the escrow', async () => {
        const { escrow } = await f.fundTask({ maxResults: 2n });
        const first = await claimByComment(escrow.address, f.worker, toNano('1'));
        const last = await relayClaim(escrow.address, f.worker2.address, toNano('1'));
        expect((await f.blockchain.getContract(escrow.address)).accountState).toBeUndefined();

        expect(plain(await chain.claimsOf(escrow.address))).toEqual(plain([first.seen, last.seen]));
    });

    it('lists no claims for an escrow never funded', async () => {
        expect(await chain.claimsOf(await chain.escrowAddress(7n))).toEqual([]);
    });
}
