// The log: pino, pretty for a person at a terminal, JSON lines for a collector; and one line per request, written
// when its answer is sent, instead of fastify's two (one on arrival, one on answer).
import { FastifyReply, FastifyRequest, FastifyServerOptions, LogController } from 'fastify';
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
        return { ...options, stream: pinoPretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', ...(destination ? { destination } : {}) }) };
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
 * Method, path, status and duration, under the request's id. The path goes without its query string: a browser's
 * WebSocket carries its session token there. Headers are never logged.
 */
function answered(request: FastifyRequest, reply: FastifyReply, error?: Error | null): void {
    const line = {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        durationMs: Number.isFinite(reply.elapsedTime) ? Math.round(reply.elapsedTime * 10) / 10 : undefined,
    };
    if (error) request.log.error({ ...line, err: error }, 'request failed while answering');
    else request.log.info(line, 'request');
}
