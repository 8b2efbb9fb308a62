// One error shape for every route: { error: { code, message } }. Codes are stable; fastify's own codes (FST_*) and
// messages never reach a client, and 5xx never leak internals.
import { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RefusalKind, ServiceError } from '../service/serviceError';

/** An error only the HTTP edge raises (authentication, rate limits, request shape): it carries its own status. */
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

interface PublicError {
    status: number;
    code: string;
    message: string;
}

/** What fastify refuses before a handler runs, as the service's codes (docs/service.md lists them). */
const FRAMEWORK_ERRORS = new Map<string, PublicError>(Object.entries({
    FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'the body is larger than this route takes' },
    FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'the body is not valid JSON' },
    FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY', message: 'the body is empty but its content-type is JSON' },
    FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'bodies must be application/json' },
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_CONTENT_LENGTH', message: 'the body does not match its content-length' },
    FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', message: 'the URL is not validly percent-encoded' },
    FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'PARAM_TOO_LONG', message: 'a path parameter is longer than any this service takes' },
}));

/** What a 503 answer asks the client to wait before trying again. */
export const RETRY_UNAVAILABLE_AFTER_SECONDS = 1;

/** The HTTP status of each kind of refusal a use case makes. */
export const STATUS_OF_REFUSAL: Record<RefusalKind, number> = {
    invalid: 400,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    too_large: 413,
    unavailable: 503,
};

/** The status, code and message a client sees for `err`. Anything not the client's fault is logged as a failure. */
function publicError(err: FastifyError | HttpError | ServiceError, log: FastifyBaseLogger): PublicError {
    if (err instanceof ServiceError) return { status: STATUS_OF_REFUSAL[err.kind], code: err.code, message: err.message };
    if (err instanceof HttpError) return { status: err.statusCode, code: err.code, message: err.message };
    if (err.validation) return { status: 400, code: 'BAD_REQUEST', message: err.message };
    const known = FRAMEWORK_ERRORS.get(err.code);
    if (known) return known;
    // Another library's client error keeps its status, but its code and message are that library's internals.
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        log.info({ err }, 'request refused');
        return { status: err.statusCode, code: 'BAD_REQUEST', message: 'the request was refused' };
    }
    log.error({ err }, 'request failed');
    return { status: 500, code: 'INTERNAL', message: 'internal error' };
}

/** Answers `err` in the service's shape: the error handler's and fastify's `frameworkErrors` answer. */
export function sendError(err: FastifyError | HttpError | ServiceError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const { status, code, message } = publicError(err, request.log);
    // A dependency that is down now (the database) may be back in a moment: say when a retry makes sense.
    if (status === 503) reply.header('retry-after', String(RETRY_UNAVAILABLE_AFTER_SECONDS));
    return reply.status(status).send(errorBody(code, message));
}

export function installErrorHandlers(app: FastifyInstance): void {
    app.setErrorHandler(sendError);
    // A path that exists under other methods is 405 with the methods it takes; only a path nothing serves is 404.
    // A route may find nothing itself (a static file route's missing file): that is 404 too.
    app.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?')[0];
        const allowed = app.supportedMethods.filter((method) => app.findRoute({ method: method as never, url: path }) !== null);
        if (allowed.length > 0 && !allowed.includes(request.method)) {
            return reply
                .status(405)
                .header('allow', allowed.join(', '))
                .send(errorBody('METHOD_NOT_ALLOWED', `${path} takes ${allowed.join(', ')}, not ${request.method}`));
        }
        return reply.status(404).send(errorBody('NOT_FOUND', `no route ${request.method} ${path}`));
    });
}
