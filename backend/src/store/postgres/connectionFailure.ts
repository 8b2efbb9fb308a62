// Which errors mean "PostgreSQL cannot be reached" (retry later) rather than "PostgreSQL refused this statement".

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down).
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

// Errors pg raises itself, with no code: the socket closed, or no connection came within connectionTimeoutMillis.
const DRIVER_MESSAGES = [
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
];

/** True for a lost or refused connection; false for anything the server answered about the statement itself. */
export function isConnectionFailure(error: unknown): boolean {
    // Read by shape, not `instanceof`: socket errors are made by Node's core, whose Error is another realm's under
    // jest's vm sandbox.
    if (typeof error !== 'object' || error === null) return false;
    const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
    // Node reports a refused connection to a name with several addresses as one AggregateError of the attempts.
    if (Array.isArray(errors) && errors.some(isConnectionFailure)) return true;
    if (typeof code === 'string') {
        if (NETWORK_CODES.has(code) || SERVER_GOING_AWAY.has(code)) return true;
        // Class 08 is connection exceptions, except 08P01 protocol_violation, which is also what the server answers
        // to a statement given the wrong number of parameters: a bug, not an outage.
        if (code.startsWith('08') && code !== '08P01') return true;
    }
    return typeof message === 'string' && DRIVER_MESSAGES.some((start) => message.startsWith(start));
}

/** 40001 serialization_failure and 40P01 deadlock_detected: the server rolled back; the same work may run again. */
export function isRetryableConflict(error: unknown): boolean {
    const code = (error as { code?: unknown } | undefined)?.code;
    return code === '40001' || code === '40P01';
}
