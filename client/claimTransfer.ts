// A payout intent turned into the wallet message that claims it: the comment cell from `payload`, sent to the
// escrow with the value the intent asks for. Checked first, because the wallet signs whatever it is given.
import { Address, Cell } from '@ton/core';
import { PayoutIntent, TaskView } from '../protocol';
import { ClaimTransfer } from './claimSender';

/** More than any claim's gas needs; an intent asking for more is refused rather than paid for. */
export const MAX_CLAIM_ATTACHMENT = 500_000_000n;

export function claimTransferOf(intent: PayoutIntent, task: TaskView, maxAttachment = MAX_CLAIM_ATTACHMENT): ClaimTransfer {
    const to = Address.parse(intent.to_address);
    if (!to.equals(Address.parse(task.escrow_address))) {
        throw new Error(`the intent sends to ${intent.to_address}, not to the task's escrow ${task.escrow_address}`);
    }
    const value = BigInt(intent.amount);
    if (value <= 0n || value > maxAttachment) {
        throw new Error(`the intent asks to attach ${value} nanotons; at most ${maxAttachment} are sent for a claim`);
    }
    const body = Cell.fromBase64(intent.payload);
    const slice = body.beginParse();
    // A text comment: a zero opcode, then the text (continued in references when long).
    const text = slice.loadUint(32) === 0 ? slice.loadStringTail() : null;
    if (text !== intent.payload_comment || !text.startsWith(`GSTD1 claim task=${task.task_id} `)) {
        throw new Error(`the intent's payload is not the claim comment for task ${task.task_id}`);
    }
    return { to, value, body };
}
