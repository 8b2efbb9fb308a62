// Every request has an id: the caller's `x-request-id` when it is a sane token, a fresh UUID otherwise. Every answer
// carries it back, and every log line of the request names it (pino's reqId), so one id follows a request from a
// client's report through a proxy to this service's log.
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Short, and nothing a log line or header could be confused by. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** fastify's `genReqId`: the caller's id if sane, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
    const given = request.headers[REQUEST_ID_HEADER];
    return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : freshRequestId();
}

/** An id of this service's own, also for bytes that never became a request. */
export function freshRequestId(): string {
    return randomUUID();
}

/** Sets the header on every answer, routed or not (404, 405, errors fastify meets before routing). */
export function echoRequestIds(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
        reply.header(REQUEST_ID_HEADER, request.id);
    });
}
