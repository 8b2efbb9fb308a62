// Wallet login: POST /api/v1/auth/challenge, then POST /api/v1/auth/verify with a TonConnect ton_proof for it,
// then GET /api/v1/auth/session to read the session back.
import { Static, Type } from '@sinclair/typebox';

export const ChallengeAnswer = Type.Object({ payload: Type.String(), expires_at: Type.Integer() });
export type ChallengeAnswer = Static<typeof ChallengeAnswer>;

/** TonConnect's TonProofItemReplySuccess plus the account it proves. */
export const TonProofRequest = Type.Object(
    {
        /** Raw form, "<workchain>:<64 hex>". */
        address: Type.String({ maxLength: 80 }),
        network: Type.Union([Type.Literal('-239'), Type.Literal('-3'), Type.Literal(-239), Type.Literal(-3)]),
        /** Hex; when present it must be the key in the state-init. */
        publicKey: Type.Optional(Type.String({ maxLength: 64 })),
        proof: Type.Object(
            {
                /** Unix seconds, as a number or a decimal string. */
                timestamp: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]{1,12}$' })]),
                domain: Type.Object(
                    { lengthBytes: Type.Integer({ minimum: 0, maximum: 256 }), value: Type.String({ maxLength: 256 }) },
                    { additionalProperties: false },
                ),
                payload: Type.String({ maxLength: 512 }),
                /** Standard base64 of the 64-byte ed25519 signature. */
                signature: Type.String({ maxLength: 128 }),
                /** Standard base64 of the wallet's StateInit BOC. */
                stateInit: Type.String({ maxLength: 8192 }),
            },
            { additionalProperties: false },
        ),
    },
    { additionalProperties: false },
);
export type TonProofRequest = Static<typeof TonProofRequest>;

/** The session a verified proof opens: a bearer token for the wallet, raw form. */
export const SessionGrant = Type.Object({ token: Type.String(), expires_at: Type.Integer(), address: Type.String() });
export type SessionGrant = Static<typeof SessionGrant>;

export const SessionInfo = Type.Object({ address: Type.String(), expires_at: Type.Integer() });
export type SessionInfo = Static<typeof SessionInfo>;
