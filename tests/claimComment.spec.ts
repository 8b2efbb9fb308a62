// The contract side of the shared encoding: the escrow accepts every valid vector's comment and body,
// and refuses every malformed comment and every non-canonical layout with the named exit code.
import { Address, beginCell, Cell, toNano } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { SandboxContract, TreasuryContract } from '@ton/sandbox';
import '@ton/test-utils';
import { ERR_COMMENT_LAYOUT, ERR_OVER_BUDGET, TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { claimCommentCell, COMMENT_ROOT_BYTES, MAX_TASK_ID } from '../wrappers/claimEncoding';
import { EscrowFixture, escrowFixture, HOUR, T0 } from './helpers/escrowFixture';
import { placeEscrow } from './helpers/placeEscrow';
import { expectRejected, snapshot, Watch } from './helpers/expectUnchanged';
import { loadClaimVectors } from './vectors/claimVectors';

const vectors = loadClaimVectors();
const [typical, smallest, longest] = vectors.valid;

describe('claim comments on-chain', () => {
    let f: EscrowFixture;
    let escrow: SandboxContract<TaskEscrow>;
    let watch: Watch;

    /** A funded escrow at the fixed address the vectors were signed for. */
    function placeVectorEscrow(at: string, taskId: bigint) {
        return placeEscrow(f.blockchain, Address.parse(at), {
            master: f.master.address,
            taskId,
            requester: f.requester.address,
            treasury: f.treasury.address,
            backendKey: BigInt('0x' + f.backendKey.publicKey.toString('hex')),
            feeBps: 500n,
            maxResults: 3n,
            deadline: BigInt(T0 + 24 * HOUR),
            fundingId: BigInt(vectors.valid[0].fundingId),
            budget: toNano('3'),
        });
    }

    beforeEach(async () => {
        f = await escrowFixture();
        escrow = await placeVectorEscrow(typical.escrow, 42n);
        watch = {
            blockchain: f.blockchain,
            contract: escrow.address,
            readState: () => escrow.getState(),
            parties: { escrow: escrow.address, worker: f.worker.address, treasury: f.treasury.address },
        };
    });

    function sendText(from: SandboxContract<TreasuryContract>, body: Cell) {
        return from.send({ to: escrow.address, value: toNano('0.05'), body });
    }

    it('vectors were made for this fixture', () => {
        expect(f.backendKey.publicKey.equals(keyPairFromSeed(Buffer.from(vectors.backendSeed, 'hex')).publicKey)).toBe(true);
        expect(f.worker.address.equals(Address.parse(typical.executor))).toBe(true);
        expect(f.worker2.address.equals(Address.parse(smallest.executor))).toBe(true);
    });

    it('executor claims with the vector comment, sent as the vector payload', async () => {
        const result = await sendText(f.worker, Cell.fromBase64(typical.payload));
        expect(result.transactions).toHaveTransaction({ from: f.worker.address, to: escrow.address, success: true });
        expect((await escrow.getState()).remaining).toBe(toNano('3') - BigInt(typical.amount));
    });

    it('relayer claims with the vector binary body', async () => {
        const result = await f.relayer.send({ to: escrow.address, value: toNano('0.05'), body: Cell.fromBase64(typical.claimRewardBody) });
        expect(result.transactions).toHaveTransaction({ from: escrow.address, to: f.worker.address, success: true });
    });

    it('smallest amount pays one nanoton gross', async () => {
        await sendText(f.worker2, claimCommentCell(smallest.comment));
        expect((await escrow.getState()).remaining).toBe(toNano('3') - 1n);
    });

    it('longest legal fields pass the parser and the signature, and stop at the budget', async () => {
        const big = await placeVectorEscrow(longest.escrow, MAX_TASK_ID);
        const result = await f.worker.send({ to: big.address, value: toNano('0.05'), body: claimCommentCell(longest.comment) });
        expect(result.transactions).toHaveTransaction({ to: big.address, exitCode: Number(ERR_OVER_BUDGET) });
    });

    describe('malformed comments are refused and change nothing', () => {
        it.each(vectors.malformed)('"$name" → exit code $code', async ({ comment, code }) => {
            const before = await snapshot(watch);
            const result = await sendText(f.worker, claimCommentCell(comment));
            await expectRejected(result, watch, before, f.worker.address, BigInt(code));
        });
    });

    describe('only the canonical snake layout is accepted', () => {
        const bytes = Buffer.from(typical.comment, 'latin1');
        const text = (from: number, to?: number) => bytes.subarray(from, to);

        it.each([60, 100, 122])('text split after %i bytes', async (at) => {
            const body = beginCell().storeUint(0, 32).storeBuffer(text(0, at)).storeRef(beginCell().storeBuffer(text(at)).endCell()).endCell();
            const before = await snapshot(watch);
            await expectRejected(await sendText(f.worker, body), watch, before, f.worker.address, ERR_COMMENT_LAYOUT);
        });

        it('text over two continuation cells', async () => {
            const tail = beginCell().storeBuffer(text(COMMENT_ROOT_BYTES, 150)).storeRef(beginCell().storeBuffer(text(150)).endCell()).endCell();
            const body = beginCell().storeUint(0, 32).storeBuffer(text(0, COMMENT_ROOT_BYTES)).storeRef(tail).endCell();
            const before = await snapshot(watch);
            await expectRejected(await sendText(f.worker, body), watch, before, f.worker.address, ERR_COMMENT_LAYOUT);
        });

        it('root cell with two references', async () => {
            const tail = beginCell().storeBuffer(text(COMMENT_ROOT_BYTES)).endCell();
            const body = beginCell().storeUint(0, 32).storeBuffer(text(0, COMMENT_ROOT_BYTES)).storeRef(tail).storeRef(tail).endCell();
            const before = await snapshot(watch);
            await expectRejected(await sendText(f.worker, body), watch, before, f.worker.address, ERR_COMMENT_LAYOUT);
        });

        it('text that is not whole bytes', async () => {
            const body = beginCell().storeUint(0, 32).storeBuffer(text(0, 40)).storeUint(1, 3).endCell();
            const before = await snapshot(watch);
            await expectRejected(await sendText(f.worker, body), watch, before, f.worker.address, ERR_COMMENT_LAYOUT);
        });

        it('empty continuation cell', async () => {
            const body = beginCell().storeUint(0, 32).storeBuffer(text(0, COMMENT_ROOT_BYTES)).storeRef(beginCell().endCell()).endCell();
            const before = await snapshot(watch);
            await expectRejected(await sendText(f.worker, body), watch, before, f.worker.address, ERR_COMMENT_LAYOUT);
        });
    });
});
