// HTTP to the service: JSON in, JSON or bytes out, and every failure mapped to a ServiceError with a code.
import { BAD_ANSWER, ServiceError, TIMED_OUT, UNREACHABLE } from './serviceError';

export interface HttpRequest {
    method: 'GET' | 'POST';
    path: string;
    token?: string;
    body?: unknown;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

export class HttpTransport {
    private readonly base: string;

    constructor(
        serviceUrl: string,
        private readonly timeoutMs: number = DEFAULT_HTTP_TIMEOUT_MS,
    ) {
        this.base = serviceUrl.replace(/\/+$/, '');
    }

    async json<T>(request: HttpRequest): Promise<T> {
        const response = await this.send(request);
        const text = await response.text();
        try {
            return JSON.parse(text) as T;
        } catch {
            throw new ServiceError(response.status, BAD_ANSWER, `${request.method} ${request.path} answered ${response.status} with non-JSON`);
        }
    }

    async bytes(request: HttpRequest): Promise<Uint8Array> {
        return new Uint8Array(await (await this.send(request)).arrayBuffer());
    }

    /** The response when its status is 2xx; otherwise the service's error, read from its error shape. */
    private async send(request: HttpRequest): Promise<Response> {
        const headers: Record<string, string> = {};
        if (request.token) headers.authorization = `Bearer ${request.token}`;
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        let response: Response;
        try {
            response = await fetch(this.base + request.path, {
                method: request.method,
                headers,
                body: request.body === undefined ? undefined : JSON.stringify(request.body),
                signal: AbortSignal.timeout(this.timeoutMs),
            });
        } catch (error) {
            const name = (error as Error).name;
            if (name === 'TimeoutError' || name === 'AbortError') {
                throw new ServiceError(0, TIMED_OUT, `${request.method} ${request.path}: no answer within ${this.timeoutMs} ms`);
            }
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            throw new ServiceError(0, UNREACHABLE, `${request.method} ${this.base}${request.path}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
        }
        if (response.ok) return response;
        throw await errorOf(response, request);
    }
}

async function errorOf(response: Response, request: HttpRequest): Promise<ServiceError> {
    const text = await response.text().catch(() => '');
    try {
        const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
        if (typeof error?.code === 'string') {
            return new ServiceError(response.status, error.code, typeof error.message === 'string' ? error.message : error.code);
        }
    } catch {
        // Not the service's shape (a proxy's error page, say): fall through to the status alone.
    }
    return new ServiceError(response.status, `HTTP_${response.status}`, `${request.method} ${request.path} answered ${response.status} ${response.statusText}`);
}
