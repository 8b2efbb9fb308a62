// One error shape for every route: { error: { code, message } }. Codes are stable; 5xx never leak internals.
import { FastifyError, FastifyInstance } from 'fastify';

export class HttpError extends Error {
    constructor(
        readonly statusCode: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

export function errorBody(code: string, message: string) {
    return { error: { code, message } };
}

export function installErrorHandlers(app: FastifyInstance): void {
    app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
        if (err instanceof HttpError) return reply.status(err.statusCode).send(errorBody(err.code, err.message));
        if (err.validation) return reply.status(400).send(errorBody('BAD_REQUEST', err.message));
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status < 500) return reply.status(status).send(errorBody(err.code ?? 'BAD_REQUEST', err.message));
        request.log.error({ err }, 'request failed');
        return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
    });
    app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${request.url}`)));
}

/** Response schema of an error, for routes to declare. */
export const ErrorResponse = {
    type: 'object',
    properties: {
        error: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' } },
            required: ['code', 'message'],
        },
    },
    required: ['error'],
} as const;
