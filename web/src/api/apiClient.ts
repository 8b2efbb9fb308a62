// The service's API over fetch, same origin. Bodies and answers are the protocol's types; a refusal arrives as an
// ApiError carrying the service's stable code, which the views turn into messages.
import type { ErrorBody } from '../../../protocol';

export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = 'ApiError';
    }
}

export interface ApiRequest {
    token?: string;
    body?: unknown;
    signal?: AbortSignal;
}

export async function callApi<T>(method: 'GET' | 'POST', path: string, request: ApiRequest = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
        res = await fetch(path, {
            method,
            headers,
            body: request.body === undefined ? undefined : JSON.stringify(request.body),
            signal: request.signal,
        });
    } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        throw new ApiError(0, 'NETWORK', 'the service cannot be reached; check your connection');
    }
    const text = await res.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!res.ok) {
        const error = (parsed as ErrorBody | undefined)?.error;
        throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? `the service answered ${res.status}`);
    }
    return parsed as T;
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
