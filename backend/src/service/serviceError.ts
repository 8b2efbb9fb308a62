// What a use case throws when it refuses: a stable code, a message for the caller, and what kind of refusal it is.
// Use cases know nothing of HTTP or WebSocket; each edge maps the kind to its own form (a status, an error frame).

/**
 * - `invalid`: the request itself is wrong (bad input, bad terms);
 * - `forbidden`: the caller may not do this (not its task, trust too low);
 * - `not_found`: no such thing, or not one the caller may see;
 * - `conflict`: not now, given the current state (slot taken, task closed, past the deadline);
 * - `too_large`: the payload is bigger than allowed;
 * - `unavailable`: a part the service depends on (its database) cannot be reached right now; nothing was changed,
 *   and the same request may succeed if tried again.
 */
export type RefusalKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'unavailable';

export class ServiceError extends Error {
    constructor(
        readonly kind: RefusalKind,
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = 'ServiceError';
    }
}
