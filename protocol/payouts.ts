// GET /api/v1/payouts: the session wallet's rewards, one per validated task where its result is valid and the task
// has an escrow to pay from: what it earns, whether an intent is out and until when, and whether the chain shows it
// paid. What the web app's "Claim reward" list shows.
import { Static, Type } from '@sinclair/typebox';
import { ListLimit } from './fields';
import { NextCursor, PageCursor } from './paging';

export const PaidClaim = Type.Object({
    /** Gross nanotons the escrow paid (the executor received this minus the platform fee). */
    amount: Type.String(),
    /** The escrow's transaction, hex. */
    tx_hash: Type.String(),
});
export type PaidClaim = Static<typeof PaidClaim>;

export const PayoutEntry = Type.Object({
    task_id: Type.String(),
    operation: Type.String(),
    /** The escrow, user-friendly. */
    escrow_address: Type.String(),
    /** Nanotons: what the escrow pays out for the result, and its split between the executor and the platform. */
    gross_amount: Type.String(),
    executor_reward: Type.String(),
    platform_fee: Type.String(),
    /** Unix seconds after which the escrow pays nothing. */
    deadline: Type.Integer(),
    /** The current intent's expiry (unix seconds), or null before any intent was issued. */
    intent_valid_until: Type.Union([Type.Integer(), Type.Null()]),
    /** The claim as the chain shows it paid, or null while unpaid. */
    paid: Type.Union([PaidClaim, Type.Null()]),
});
export type PayoutEntry = Static<typeof PayoutEntry>;

/** Newest decisions first, a page at a time. */
export const PayoutList = Type.Object({ payouts: Type.Array(PayoutEntry), next_cursor: NextCursor });
export type PayoutList = Static<typeof PayoutList>;

export const PayoutListQuery = Type.Object({ limit: Type.Optional(ListLimit), cursor: Type.Optional(PageCursor) }, { additionalProperties: false });
export type PayoutListQuery = Static<typeof PayoutListQuery>;
