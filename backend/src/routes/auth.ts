// Wallet login with TonConnect ton_proof: a single-use challenge, then a proof for it, then a session token.
import { Static, Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { NonceIssuer, verifyTonProof } from '../auth';
import { SessionTokens } from '../auth/sessions';
import { UsedNonceLedger } from '../auth/usedNonceLedger';
import { ErrorResponse, HttpError } from '../http/errors';
import { RouteRateLimit } from '../http/rateLimit';
import { sessionGuard } from '../http/requireSession';

export interface AuthRouteOptions {
    nonces: NonceIssuer;
    /** Nonces used on any node, when nodes share a store; each node's issuer remembers its own either way. */
    usedNonces?: UsedNonceLedger;
    tokens: SessionTokens;
    /** The limit on each auth route, per client address. */
    limit: RouteRateLimit;
    allowedDomains: string[];
    maxProofAgeSeconds: number;
    now: () => number;
}

const ProofBody = Type.Object(
    {
        address: Type.String({ maxLength: 80 }),
        network: Type.Union([Type.Literal('-239'), Type.Literal('-3'), Type.Literal(-239), Type.Literal(-3)]),
        publicKey: Type.Optional(Type.String({ maxLength: 64 })),
        proof: Type.Object(
            {
                timestamp: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]{1,12}$' })]),
                domain: Type.Object(
                    { lengthBytes: Type.Integer({ minimum: 0, maximum: 256 }), value: Type.String({ maxLength: 256 }) },
                    { additionalProperties: false },
                ),
                payload: Type.String({ maxLength: 512 }),
                signature: Type.String({ maxLength: 128 }),
                stateInit: Type.String({ maxLength: 8192 }),
            },
            { additionalProperties: false },
        ),
    },
    { additionalProperties: false },
);

const SessionResponse = Type.Object({ token: Type.String(), expires_at: Type.Integer(), address: Type.String() });

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions): Promise<void> {
    const requireSession = sessionGuard(opts.tokens);

    app.post(
        '/api/v1/auth/challenge',
        {
            config: { rateLimit: opts.limit },
            schema: { response: { 200: Type.Object({ payload: Type.String(), expires_at: Type.Integer() }), 429: ErrorResponse } },
        },
        async () => {
            const challenge = opts.nonces.issueChallenge();
            return { payload: challenge.payload, expires_at: challenge.expiresAt };
        },
    );

    app.post<{ Body: Static<typeof ProofBody> }>(
        '/api/v1/auth/verify',
        {
            config: { rateLimit: opts.limit },
            schema: { body: ProofBody, response: { 200: SessionResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse } },
        },
        async (request) => {
            const result = verifyTonProof(request.body, {
                allowedDomains: opts.allowedDomains,
                maxAgeSeconds: opts.maxProofAgeSeconds,
                now: opts.now,
                consumeNonce: (payload) => opts.nonces.consume(payload),
            });
            if (!result.ok) throw new HttpError(result.code === 'WALLET_NOT_BASECHAIN' ? 400 : 401, result.code, result.message);
            // This node has consumed the nonce; the shared ledger refuses it if another node already had.
            if (opts.usedNonces && !(await opts.usedNonces.recordFirstUse(request.body.proof.payload))) {
                throw new HttpError(401, 'UNKNOWN_NONCE', 'payload was never issued, has expired or was already used');
            }
            const { token, expiresAt } = await opts.tokens.issue(result.address);
            return { token, expires_at: expiresAt, address: result.address.toRawString() };
        },
    );

    app.get(
        '/api/v1/auth/session',
        {
            config: { rateLimit: opts.limit },
            schema: { response: { 200: Type.Object({ address: Type.String(), expires_at: Type.Integer() }), 401: ErrorResponse, 429: ErrorResponse } },
        },
        async (request) => {
            const session = await requireSession(request);
            return { address: session.wallet.toRawString(), expires_at: session.expiresAt };
        },
    );
}
