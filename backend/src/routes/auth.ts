// Wallet login with TonConnect ton_proof: a single-use challenge, then a proof for it, then a session token.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { ChallengeAnswer, ErrorBody, SessionGrant, SessionInfo, TonProofRequest } from '../../../protocol';
import { NonceIssuer, verifyTonProof } from '../auth';
import { SessionTokens } from '../auth/sessions';
import { UsedNonceLedger } from '../auth/usedNonceLedger';
import { HttpError } from '../http/errors';
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

export async function authRoutes(plugin: FastifyInstance, opts: AuthRouteOptions): Promise<void> {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const requireSession = sessionGuard(opts.tokens);

    app.post(
        '/api/v1/auth/challenge',
        {
            config: { rateLimit: opts.limit },
            schema: { response: { 200: ChallengeAnswer, 429: ErrorBody } },
        },
        async () => {
            const challenge = opts.nonces.issueChallenge();
            return { payload: challenge.payload, expires_at: challenge.expiresAt };
        },
    );

    app.post(
        '/api/v1/auth/verify',
        {
            config: { rateLimit: opts.limit },
            schema: { body: TonProofRequest, response: { 200: SessionGrant, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody } },
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
            schema: { response: { 200: SessionInfo, 401: ErrorBody, 429: ErrorBody } },
        },
        async (request) => {
            const session = await requireSession(request);
            return { address: session.wallet.toRawString(), expires_at: session.expiresAt };
        },
    );
}
