// Wallet login with TonConnect ton_proof: a single-use challenge, then a proof for it, then a session token.
import { Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { NonceIssuer, verifyTonProof } from '../auth';
import { SessionTokens } from '../auth/sessions';
import { ErrorResponse, HttpError } from '../http/errors';
import { sessionGuard } from '../http/requireSession';

export interface AuthRouteOptions {
    nonces: NonceIssuer;
    tokens: SessionTokens;
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
        { schema: { response: { 200: Type.Object({ payload: Type.String(), expires_at: Type.Integer() }) } } },
        async () => {
            const challenge = opts.nonces.issueChallenge();
            return { payload: challenge.payload, expires_at: challenge.expiresAt };
        },
    );

    app.post(
        '/api/v1/auth/verify',
        { schema: { body: ProofBody, response: { 200: SessionResponse, 401: ErrorResponse } } },
        async (request) => {
            const result = verifyTonProof(request.body, {
                allowedDomains: opts.allowedDomains,
                maxAgeSeconds: opts.maxProofAgeSeconds,
                now: opts.now,
                consumeNonce: (payload) => opts.nonces.consume(payload),
            });
            if (!result.ok) throw new HttpError(401, result.code, result.message);
            const { token, expiresAt } = await opts.tokens.issue(result.address);
            return { token, expires_at: expiresAt, address: result.address.toRawString() };
        },
    );

    app.get(
        '/api/v1/auth/session',
        { schema: { response: { 200: Type.Object({ address: Type.String(), expires_at: Type.Integer() }), 401: ErrorResponse } } },
        async (request) => {
            const session = await requireSession(request);
            return { address: session.wallet.toRawString(), expires_at: session.expiresAt };
        },
    );
}
