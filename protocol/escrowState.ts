// GET /api/v1/tasks/:id/escrow: the task's escrow as the chain shows it now. A page follows funding and closing by
// it: `deployed` turns true once the funding lands and false again once the escrow has closed.
import { Static, Type } from '@sinclair/typebox';

export const EscrowState = Type.Object({
    task_id: Type.String(),
    /** The escrow, user-friendly. */
    escrow_address: Type.String(),
    deployed: Type.Boolean(),
    /** While deployed: nanotons it still holds for results (the requester's on close). */
    remaining: Type.Union([Type.String(), Type.Null()]),
    /** While deployed: nanotons of fees it has accrued (the treasury's on close). */
    fees_accrued: Type.Union([Type.String(), Type.Null()]),
});
export type EscrowState = Static<typeof EscrowState>;
