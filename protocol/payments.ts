// POST /api/v1/payments/payout-intent: what the executor of a valid result sends to the escrow to get paid.
import { Static, Type } from '@sinclair/typebox';
import { LooseTaskId } from './fields';
import { TonConnectTransaction } from './tonConnect';

export const PayoutIntentRequest = Type.Object(
    { task_id: LooseTaskId, executor_address: Type.String({ maxLength: 80 }) },
    { additionalProperties: false },
);
export type PayoutIntentRequest = Static<typeof PayoutIntentRequest>;

export const PayoutIntent = Type.Object({
    task_id: Type.String(),
    /** The escrow, user-friendly. */
    to_address: Type.String(),
    /** Nanotons to attach for the escrow's gas; what it does not use comes back with the reward. */
    amount: Type.String(),
    payload_comment: Type.String(),
    /** The comment's cell, base64 BOC: the body the wallet sends. */
    payload: Type.String(),
    gross_amount: Type.String(),
    executor_reward: Type.String(),
    platform_fee: Type.String(),
    valid_until: Type.Integer(),
    /** The same message as a TonConnect request, for a wallet app to sign. */
    transaction: TonConnectTransaction,
});
export type PayoutIntent = Static<typeof PayoutIntent>;
