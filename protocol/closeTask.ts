// GET /api/v1/tasks/:id/close-transaction: the requester's TonConnect transaction that closes a task's escrow after
// its deadline, returning what it did not pay out (the accrued fees go to the treasury).
import { Static, Type } from '@sinclair/typebox';
import { TonConnectTransaction } from './tonConnect';

export const CloseTransaction = Type.Object({
    task_id: Type.String(),
    /** The escrow, user-friendly. */
    escrow_address: Type.String(),
    /** Nanotons the escrow still holds for results (returned to the requester on close), as the chain shows now. */
    remaining: Type.String(),
    /** Nanotons of fees the escrow has accrued (sent to the treasury on close). */
    fees_accrued: Type.String(),
    transaction: TonConnectTransaction,
});
export type CloseTransaction = Static<typeof CloseTransaction>;
