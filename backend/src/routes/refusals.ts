// The stable error codes each route answers, by status: the one list the API description (http/openApi.ts) shows
// per route. Codes every route of a kind shares are added there, not here: a schema's BAD_REQUEST, a body's
// INVALID_JSON and BODY_TOO_LARGE, a path parameter's PARAM_TOO_LONG, and INTERNAL. tests/backend/http/openApi.spec.ts
// checks this list against the codes the service's code can throw.

/**
 * Codes by HTTP status. A route under /api/v1 or /ws whose 401 lists UNAUTHENTICATED takes a session token (the
 * `session` scheme).
 */
export type Refusals = Readonly<Partial<Record<number, readonly string[]>>>;

const SESSION = { 401: ['UNAUTHENTICATED'] } as const;
const LIMITED = { 429: ['RATE_LIMITED'] } as const;
/** Every route under /api/v1/tasks/:id reads the task first. */
const TASK = { 400: ['BAD_TASK_ID'], 404: ['TASK_NOT_FOUND'] } as const;

/** Each route's own codes, keyed by `METHOD path` as the route is registered (`:name` parameters). */
const OWN_REFUSALS: Readonly<Record<string, Refusals>> = {
    'GET /health': {},
    'GET /ready': { 503: ['NOT_READY'] },
    // Only when the operator sets METRICS_TOKEN (its own bearer scheme, not a session).
    'GET /metrics': { 401: ['UNAUTHENTICATED'] },
    'GET /ws': { ...SESSION, 404: ['DEVICE_NOT_FOUND'] },

    'POST /api/v1/auth/challenge': { ...LIMITED },
    'POST /api/v1/auth/verify': {
        ...LIMITED,
        400: ['WALLET_NOT_BASECHAIN'],
        401: ['MALFORMED', 'BAD_DOMAIN', 'STALE_PROOF', 'BAD_STATE_INIT', 'ADDRESS_MISMATCH', 'KEY_MISMATCH', 'BAD_SIGNATURE', 'UNKNOWN_NONCE'],
    },
    'GET /api/v1/auth/session': { ...SESSION, ...LIMITED },

    'POST /api/v1/devices': { ...SESSION, 409: ['DEVICE_NAME_TAKEN', 'TOO_MANY_DEVICES'] },
    'GET /api/v1/devices': { ...SESSION },
    'GET /api/v1/devices/:id': { ...SESSION, 404: ['DEVICE_NOT_FOUND'] },

    'POST /api/v1/modules': { ...SESSION, 400: ['NOT_WASM'], 413: ['MODULE_TOO_LARGE'] },
    'GET /api/v1/modules/:sha256': { ...SESSION, 404: ['MODULE_NOT_FOUND'] },

    'POST /api/v1/tasks': { ...SESSION, 400: ['BAD_INPUT', 'INPUT_SCHEMA_MISMATCH', 'BAD_DEADLINE', 'UNKNOWN_MODULE', 'BAD_BUDGET'] },
    'GET /api/v1/tasks': { ...SESSION, 400: ['BAD_CURSOR'] },
    'GET /api/v1/offers': { ...SESSION, 404: ['DEVICE_NOT_FOUND'] },
    'GET /api/v1/tasks/:id': { ...SESSION, ...TASK },
    'POST /api/v1/tasks/:id/confirm-escrow': {
        ...SESSION,
        ...TASK,
        403: ['NOT_YOUR_TASK'],
        409: ['TASK_NOT_AWAITING_ESCROW', 'ESCROW_NOT_FOUND', 'ESCROW_MISMATCH'],
    },
    'GET /api/v1/tasks/:id/outcome': { ...SESSION, ...TASK, 403: ['NOT_YOUR_TASK'] },
    'GET /api/v1/tasks/:id/escrow': { ...SESSION, ...TASK },
    'GET /api/v1/tasks/:id/close-transaction': {
        ...SESSION,
        ...TASK,
        403: ['NOT_YOUR_TASK'],
        409: ['NOT_PAYABLE', 'TASK_BEFORE_DEADLINE', 'ESCROW_NOT_FOUND'],
    },
    'POST /api/v1/tasks/:id/claim': {
        ...SESSION,
        ...TASK,
        403: ['MISSING_CAPABILITY', 'TRUST_TOO_LOW'],
        404: ['TASK_NOT_FOUND', 'DEVICE_NOT_FOUND'],
        409: ['TASK_NOT_OPEN', 'TASK_PAST_DEADLINE', 'ALREADY_ASSIGNED', 'WALLET_ALREADY_ASSIGNED', 'NO_SLOT_FREE'],
    },
    'POST /api/v1/tasks/:id/results': {
        ...SESSION,
        ...LIMITED,
        400: ['BAD_TASK_ID', 'BAD_RESULT'],
        403: ['NOT_SLOT_HOLDER'],
        404: ['TASK_NOT_FOUND', 'DEVICE_NOT_FOUND'],
        409: ['RESULT_CONFLICT', 'TASK_CLOSED', 'TASK_PAST_DEADLINE', 'RESULT_CAP_REACHED', 'SLOT_EXPIRED'],
    },

    'POST /api/v1/payments/payout-intent': {
        ...SESSION,
        400: ['BAD_TASK_ID', 'BAD_ADDRESS', 'WALLET_NOT_BASECHAIN'],
        403: ['NOT_YOUR_WALLET', 'NOT_IN_MAJORITY'],
        404: ['TASK_NOT_FOUND'],
        409: ['TASK_NOT_VALIDATED', 'NOT_PAYABLE', 'ALREADY_PAID', 'TASK_PAST_DEADLINE'],
    },
    'GET /api/v1/payouts': { ...SESSION, 400: ['BAD_CURSOR'] },
    'GET /api/v1/stats': { ...SESSION },
};

/**
 * What a route that reads or writes the store answers while PostgreSQL cannot serve it (unreachable, or conflicts
 * past the retries): nothing was changed, and the answer says when to try again (Retry-After).
 */
const STORE = { 503: ['STORE_UNAVAILABLE', 'STORE_BUSY'] } as const;
/** Routes that never touch the store, or answer its absence their own way (/ready). */
const WITHOUT_STORE = new Set(['GET /health', 'GET /ready', 'GET /metrics']);

/** Every route's codes: its own, and the store's where it uses the store. */
export const ROUTE_REFUSALS: Readonly<Record<string, Refusals>> = Object.fromEntries(
    Object.entries(OWN_REFUSALS).map(([route, own]) => [route, WITHOUT_STORE.has(route) ? own : { ...own, ...STORE }]),
);
