// A TonConnect `sendTransaction` request, as the service hands it out for the user's wallet to sign: the task's
// funding and a payout claim. wrappers/tonConnect.ts builds them.
import { Static, Type } from '@sinclair/typebox';

export const TonConnectMessage = Type.Object({
    /** User-friendly, bounceable, test-only flagged on testnet. */
    address: Type.String(),
    /** Nanotons, decimal. */
    amount: Type.String(),
    /** Base64 BOC of the message body. */
    payload: Type.Optional(Type.String()),
});
export type TonConnectMessage = Static<typeof TonConnectMessage>;

export const TonConnectTransaction = Type.Object({
    /** Unix seconds after which the wallet must refuse to send it. */
    validUntil: Type.Integer(),
    /** '-239' (mainnet) or '-3' (testnet); absent on a local chain, whose id wallets do not know. */
    network: Type.Optional(Type.String()),
    messages: Type.Array(TonConnectMessage),
});
export type TonConnectTransaction = Static<typeof TonConnectTransaction>;
