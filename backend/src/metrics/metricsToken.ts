// METRICS_TOKEN: when set, /metrics answers only requests bearing it, so a public port does not show the service's
// numbers to anyone who asks.
import { createHash, timingSafeEqual } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors';

/** A request hook refusing, as 401 UNAUTHENTICATED, any request without `Authorization: Bearer <token>`. */
export function requireMetricsToken(token: string): (request: FastifyRequest) => Promise<void> {
    // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of how much of the token matched.
    const digest = (text: string) => createHash('sha256').update(text).digest();
    const expected = digest(token);
    return async (request) => {
        const given = request.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
        if (given === undefined || !timingSafeEqual(digest(given), expected)) {
            throw new HttpError(401, 'UNAUTHENTICATED', 'the metrics bearer token is required');
        }
    };
}
