// Every failure talking to the service, as one error type with the service's stable code, so callers branch on
// codes (NO_SLOT_FREE, ALREADY_PAID, …) and never on message text.

/** The service did not answer at all (refused, reset, DNS); `status` is 0. */
export const UNREACHABLE = 'UNREACHABLE';
/** The service did not answer in time; `status` is 0. */
export const TIMED_OUT = 'TIMED_OUT';
/** The service answered with something that is not its JSON. */
export const BAD_ANSWER = 'BAD_ANSWER';

export class ServiceError extends Error {
    constructor(
        /** HTTP status, or 0 when no answer came. */
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(`${code}: ${message}`);
        this.name = 'ServiceError';
    }

    /** Worth retrying unchanged later: no answer, rate limited, or the service's own fault (5xx, a restart). */
    get transient(): boolean {
        return this.status === 0 || this.status === 429 || this.status >= 500;
    }
}

export function hasCode(error: unknown, ...codes: string[]): error is ServiceError {
    return error instanceof ServiceError && codes.includes(error.code);
}
