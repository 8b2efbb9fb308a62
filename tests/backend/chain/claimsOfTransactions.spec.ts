import { Address, beginCell, Cell, toNano, Transaction } from '@ton/core';
import { BlockchainTransaction, SandboxContract, SendMessageResult, TreasuryContract } from '@ton/sandbox';
import { keyPairFromSeed } from '@ton/crypto';
import { ChainError } from '../../../backend/src/chain/chain';
import { claimsOfTransactions } from '../../../backend/src/chain/claimsOfTransactions';
import { TaskEscrow } from '../../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import {
    buildClaimComment,
    buildClaimRewardBody,
    claimCommentCell,
    SignatureEncoding,
} from '../../../wrappers/claimEncoding';
import { EscrowFixture, escrowFixture, HOUR, T0 } from '../../helpers/escrowFixture';
import { plain } from '../../helpers/plain';
import { closeTaskMessage } from '../../../wrappers/taskEscrowMessages';

const CLAIM_VALUE = toNano('0.1');

describe('claimsOfTransactions', () => {
    let f: EscrowFixture;
    let escrow: SandboxContract<TaskEscrow>;
    /** Every transaction the escrow has run, oldest first, as the sends reported them. */
    let escrowTxs: BlockchainTransaction[];

    beforeEach(async () => {
        f = await escrowFixture();
        escrowTxs = [];
        const funded = await f.fundTask({ maxResults: 3n });
        escrow = funded.escrow;
        record(funded.result);
    });

    function record(result: SendMessageResult): BlockchainTransaction | undefined {
        const mine = result.transactions.filter((tx) => {
            const info = tx.inMessage?.info;
            return info?.type === 'internal' && info.dest.equals(escrow.address);
        });
        escrowTxs.push(...mine);
        return mine[0];
    }

    async function send(from: SandboxContract<TreasuryContract>, body: Cell) {
        const tx = record(await from.send({ to: escrow.address, value: CLAIM_VALUE, body }));
        if (!tx) throw new Error('nothing reached the escrow');
        return tx;
    }

    function textClaim(executor: SandboxContract<TreasuryContract>, amount: bigint, encoding: SignatureEncoding = 'hex') {
        const { intent, signature } = f.intentFor(escrow.address, executor.address, amount);
        return send(executor, claimCommentCell(buildClaimComment({ ...intent, signature }, encoding)));
    }

    function relayedClaim(executor: Address, amount: bigint, opts: { key?: ReturnType<typeof keyPairFromSeed> } = {}) {
        const { intent, signature } = f.intentFor(escrow.address, executor, amount, opts);
        return send(f.relayer, buildClaimRewardBody(intent, signature));
    }

    function seen(tx: Transaction, executor: Address, amount: bigint) {
        return { executor, amount, lt: tx.lt, txHash: tx.hash().toString('hex') };
    }

    it('a text claim pays its sender', async () => {
        const tx = await textClaim(f.worker, toNano('1'));
        expect(plain(claimsOfTransactions(escrowTxs))).toEqual(plain([seen(tx, f.worker.address, toNano('1'))]));
    });

    it('a text claim with a base64url signature reads the same', async () => {
        const tx = await textClaim(f.worker, toNano('0.3'), 'base64url');
        expect(plain(claimsOfTransactions(escrowTxs))).toEqual(plain([seen(tx, f.worker.address, toNano('0.3'))]));
    });

    it('a relayed binary claim pays the executor its body names, not the relayer', async () => {
        const tx = await relayedClaim(f.worker2.address, toNano('0.4'));
        expect(plain(claimsOfTransactions(escrowTxs))).toEqual(plain([seen(tx, f.worker2.address, toNano('0.4'))]));
    });

    it('a replayed claim is not a claim', async () => {
        const paid = await textClaim(f.worker, toNano('1'));
        const replay = await textClaim(f.worker, toNano('1'));
        expect(escrowTxs).toContain(replay);
        expect(plain(claimsOfTransactions(escrowTxs))).toEqual(plain([seen(paid, f.worker.address, toNano('1'))]));
    });

    it('a forged claim is not a claim', async () => {
        await relayedClaim(f.stranger.address, toNano('1'), { key: keyPairFromSeed(Buffer.alloc(32, 9)) });
        expect(escrowTxs).toHaveLength(2);
        expect(claimsOfTransactions(escrowTxs)).toEqual([]);
    });

    it('the claim on the last slot counts, though it closes and destroys the escrow', async () => {
        const first = await textClaim(f.worker, toNano('1'));
        const second = await relayedClaim(f.worker2.address, toNano('1'));
        const last = await textClaim(f.stranger, toNano('0.5'));
        expect((await f.blockchain.getContract(escrow.address)).accountState).toBeUndefined();

        expect(plain(claimsOfTransactions(escrowTxs))).toEqual(
            plain([
                seen(first, f.worker.address, toNano('1')),
                seen(second, f.worker2.address, toNano('1')),
                seen(last, f.stranger.address, toNano('0.5')),
            ]),
        );
    });

    it('funding and closing are not claims', async () => {
        f.blockchain.now = T0 + 25 * HOUR;
        const close = closeTaskMessage();
        record(await escrow.send(f.requester.getSender(), { value: CLAIM_VALUE }, close));
        expect(escrowTxs).toHaveLength(2);
        expect(claimsOfTransactions(escrowTxs)).toEqual([]);
    });

    it('answers oldest first whatever order the transactions come in', async () => {
        const first = await textClaim(f.worker, toNano('1'));
        const second = await textClaim(f.worker2, toNano('1'));
        expect(plain(claimsOfTransactions([...escrowTxs].reverse()))).toEqual(
            plain([seen(first, f.worker.address, toNano('1')), seen(second, f.worker2.address, toNano('1'))]),
        );
    });

    it('a successful comment that is not a claim is not a claim', async () => {
        const tx = await textClaim(f.worker, toNano('1'));
        const hello = beginCell().storeUint(0, 32).storeStringTail('hello').endCell();
        expect(claimsOfTransactions([withBody(tx, hello)])).toEqual([]);
    });

    it('a successful claim it cannot read is an error, never a silent omission', async () => {
        const tx = await textClaim(f.worker, toNano('1'));
        const garbled = claimCommentCell('GSTD1 claim task=42 amount=one');
        expect(() => claimsOfTransactions([withBody(tx, garbled)])).toThrow(ChainError);
        expect(() => claimsOfTransactions([withBody(tx, garbled)])).toThrow(tx.hash().toString('hex'));
    });
});

/** `tx` as if its inbound message had carried `body`: the contract never accepts such a message, so it is made up. */
function withBody(tx: Transaction, body: Cell): Transaction {
    return { ...tx, inMessage: { ...tx.inMessage!, body } };
}
