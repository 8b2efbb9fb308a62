// The one error shape the service promises: { error: { code, message } }, both strings, nothing else.

export function isServiceError(body: string): boolean {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        return false;
    }
    if (!isPlainObject(parsed) || !sameKeys(parsed, ['error'])) return false;
    const error = parsed.error;
    if (!isPlainObject(error) || !sameKeys(error, ['code', 'message'])) return false;
    return typeof error.code === 'string' && error.code !== '' && typeof error.message === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameKeys(value: Record<string, unknown>, keys: string[]): boolean {
    return Object.keys(value).sort().join() === [...keys].sort().join();
}

/**
 * What fastify writes itself for bytes that never became a request (its default client-error handler), or for a
 * URL its router cannot decode: `{ error, message, statusCode }` or `{ error, code, message, statusCode }`.
 */
export function isFastifyOwnError(body: string): boolean {
    return /^\{"error":"[A-Za-z ]+",("code":"FST_ERR_[A-Z_]+",)?"message":"[^"]*","statusCode":4\d\d\}$/.test(body);
}
