// What routes check before acting: the session (whose wallet they act for) and the rate limits.
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Session } from '../auth/sessions';
import { perRequestKey, RouteRateLimit } from '../http/rateLimit';

export interface RouteGuards {
    session(request: FastifyRequest): Promise<Session>;
    /** The limit on result submissions, per wallet: the route's `config.rateLimit`. */
    submissions: RouteRateLimit;
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

/**
 * At most `max` requests per `windowMs` per session wallet. Only for routes of a plugin that calls requireSessions:
 * the limit runs after its session check, so a request without a session is refused before it is counted.
 */
export function perWallet(max: number, windowMs: number): RouteRateLimit {
    return perRequestKey(max, windowMs, (request) => sessionOf(request).wallet.toRawString());
}

/** The session the onRequest hook checked. */
export function sessionOf(request: FastifyRequest): Session {
    const session = sessions.get(request);
    if (!session) throw new Error('route registered without requireSessions');
    return session;
}
