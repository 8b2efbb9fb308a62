// What routes check before acting: the session (whose wallet they act for) and the rate limits.
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Session } from '../auth/sessions';
import { RateLimiter } from '../http/rateLimit';

export interface RouteGuards {
    session(request: FastifyRequest): Promise<Session>;
    /** Per wallet, on result submissions. */
    submissions: RateLimiter;
}

const sessions = new WeakMap<FastifyRequest, Session>();

/**
 * Every route of the plugin `app` requires a session, checked when the request arrives: before its body is
 * parsed or validated, so a caller without one learns nothing but 401.
 */
export function requireSessions(app: FastifyInstance, guards: RouteGuards): void {
    app.addHook('onRequest', async (request) => {
        sessions.set(request, await guards.session(request));
    });
}

/** The session the onRequest hook checked. */
export function sessionOf(request: FastifyRequest): Session {
    const session = sessions.get(request);
    if (!session) throw new Error('route registered without requireSessions');
    return session;
}
