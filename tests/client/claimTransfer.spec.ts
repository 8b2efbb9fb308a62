// The wallet signs what the intent says, so the worker checks it first: the escrow of the task, a modest
// attachment, and a payload that is the claim comment for this task.
import { Address } from '@ton/core';
import { buildClaimComment, claimCommentPayload, commentTextOfCell } from '../../wrappers/claimEncoding';
import { PayoutIntent, TaskView } from '../../protocol';
import { claimTransferOf } from '../../client/claimTransfer';

const ESCROW = new Address(0, Buffer.alloc(32, 7)).toString({ bounceable: true, urlSafe: true });
const OTHER = new Address(0, Buffer.alloc(32, 8)).toString({ bounceable: true, urlSafe: true });

function comment(taskId: bigint): string {
    return buildClaimComment({ taskId, amount: 950_000_000n, validUntil: 1_767_226_500, signature: Buffer.alloc(64, 3) });
}

const task = { task_id: '1234', escrow_address: ESCROW } as TaskView;

function intent(fields: Partial<PayoutIntent> = {}): PayoutIntent {
    const text = comment(1234n);
    return {
        task_id: '1234',
        to_address: ESCROW,
        amount: '50000000',
        payload_comment: text,
        payload: claimCommentPayload(text),
        gross_amount: '1000000000',
        executor_reward: '950000000',
        platform_fee: '50000000',
        valid_until: 1_767_226_500,
        transaction: { validUntil: 1_767_226_500, messages: [{ address: ESCROW, amount: '50000000', payload: claimCommentPayload(text) }] },
        ...fields,
    };
}

describe('claim transfer from an intent', () => {
    it('sends the comment cell to the escrow with the attached value', () => {
        const transfer = claimTransferOf(intent(), task);
        expect(transfer.to.equals(Address.parse(ESCROW))).toBe(true);
        expect(transfer.value).toBe(50_000_000n);
        expect(commentTextOfCell(transfer.body)).toBe(comment(1234n));
    });

    it('refuses an intent that sends elsewhere than the task’s escrow', () => {
        expect(() => claimTransferOf(intent({ to_address: OTHER }), task)).toThrow(/not to the task's escrow/);
    });

    it('refuses an intent that asks for a large attachment', () => {
        expect(() => claimTransferOf(intent({ amount: '2000000000' }), task)).toThrow(/at most/);
    });

    it('refuses a payload that is not this task’s claim comment', () => {
        const foreign = comment(99n);
        expect(() => claimTransferOf(intent({ payload_comment: foreign, payload: claimCommentPayload(foreign) }), task)).toThrow(/not the claim comment/);
        expect(() => claimTransferOf(intent({ payload: claimCommentPayload(comment(1234n) + 'x') }), task)).toThrow(/not the claim comment/);
    });
});
