// What routes check before acting: the session (whose wallet they act for) and the rate limits.
import { FastifyRequest } from 'fastify';
import { Session } from '../auth/sessions';
import { RateLimiter } from '../http/rateLimit';

export interface RouteGuards {
    session(request: FastifyRequest): Promise<Session>;
    /** Per wallet, on result submissions. */
    submissions: RateLimiter;
}
