// The session guard: routes that act for a wallet read it from the bearer token, never from the request body.
import { FastifyRequest } from 'fastify';
import { Session, SessionTokens } from '../auth/sessions';
import { HttpError } from './errors';

export function sessionGuard(tokens: SessionTokens) {
    return async function requireSession(request: FastifyRequest): Promise<Session> {
        const header = request.headers.authorization;
        const match = header?.match(/^Bearer ([A-Za-z0-9_.-]+)$/);
        if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'a bearer session token is required');
        const session = await tokens.verify(match[1]);
        if (!session) throw new HttpError(401, 'UNAUTHENTICATED', 'the session token is invalid or expired');
        return session;
    };
}
