// A bare JSON-over-HTTP client on node:http, so a test controls connections and sees a killed server's errors as
// they are (reset, refused) instead of through a library's retries.
import { Agent, request } from 'http';

export interface JsonAnswer {
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function jsonRequest(
    agent: Agent,
    port: number,
    method: 'GET' | 'POST',
    path: string,
    token: string,
    payload: unknown,
    timeoutMs: number,
): Promise<JsonAnswer> {
    return new Promise((resolve, reject) => {
        const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload));
        const req = request(
            {
                agent,
                host: '127.0.0.1',
                port,
                method,
                path,
                timeout: timeoutMs,
                headers: {
                    authorization: `Bearer ${token}`,
                    ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
                },
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('error', reject);
                res.on('close', () => {
                    if (!res.complete) reject(new Error('the response was cut short'));
                });
                res.on('end', () => {
                    const text = Buffer.concat(chunks).toString();
                    try {
                        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined });
                    } catch {
                        reject(new Error(`a body that is not JSON: ${text.slice(0, 200)}`));
                    }
                });
            },
        );
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
    });
}
