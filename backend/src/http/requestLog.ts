// The log: pino, pretty for a person at a terminal, JSON lines for a collector; and one line per request, written
// when its answer is sent, instead of fastify's two (one on arrival, one on answer).
import { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, LogController } from 'fastify';
import pinoPretty from 'pino-pretty';
import { ServiceConfig } from '../config';

/** Where log lines go instead of stdout: tests pass their own to read what was logged. */
export type LogDestination = NodeJS.WritableStream;

/** fastify's logger options for `config`: its level and format, written to `destination` instead of stdout if given. */
export function loggerOptions(config: Pick<ServiceConfig, 'logLevel' | 'logFormat'>, destination?: LogDestination): FastifyServerOptions['logger'] {
    const options = {
        level: config.logLevel,
        // A line that names its request (fastify's own, on a failure while answering) shows no headers and no
        // query string: a browser's WebSocket carries its session token there.
        serializers: { req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }) },
    };
    if (config.logFormat === 'pretty') {
        // Written at once, as pino's own JSON is: nothing is lost when the process exits after its last line.
        const pretty = pinoPretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true, ...(destination ? { destination } : {}) });
        return { ...options, stream: pretty };
    }
    return { ...options, ...(destination ? { stream: destination } : {}) };
}

/**
 * fastify's per-request logging, cut to the one line `answered` writes. Its lines for failures while answering
 * (a stream or serialiser error) stay as they are.
 */
export class OneLinePerRequest extends LogController {
    incomingRequest(): void {}

    routeNotFound(): void {}

    requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
        answered(request, reply, error);
    }
}

/** For an answer fastify gives before routing (its `frameworkErrors`), which passes no response hooks. */
export function logWhenAnswered(request: FastifyRequest, reply: FastifyReply): void {
    reply.raw.once('finish', () => answered(request, reply));
}

/**
 * A WebSocket upgrade hands the socket over instead of answering, so fastify reports no answer: its line is
 * written when the connection closes, as 101 with the connection's lifetime. A refused upgrade is an ordinary
 * answer, logged as one.
 */
export function logUpgradesWhenClosed(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
        if (request.headers.upgrade?.toLowerCase() !== 'websocket') return;
        request.raw.socket?.once('close', () => answered(request, reply, null, 101));
    });
}

/** Requests already logged: an answered upgrade request's socket closes later, and must not log it again. */
const logged = new WeakSet<FastifyRequest>();

/**
 * Method, path, status and duration, under the request's id. The path goes without its query string: a browser's
 * WebSocket carries its session token there. Headers are never logged.
 */
function answered(request: FastifyRequest, reply: FastifyReply, error?: Error | null, status = reply.statusCode): void {
    if (logged.has(request)) return;
    logged.add(request);
    const line = {
        method: request.method,
        url: request.url.split('?')[0],
        status,
        durationMs: Number.isFinite(reply.elapsedTime) ? Math.round(reply.elapsedTime * 10) / 10 : undefined,
    };
    if (error) request.log.error({ ...line, err: error }, 'request failed while answering');
    else request.log.info(line, 'request');
}
