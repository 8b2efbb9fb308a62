// One raw TCP exchange with a listening server: bytes written exactly as given, then whatever comes back until
// the server closes. For requests no HTTP client library would send.
import { connect } from 'net';

export interface RawResponse {
    status: number;
    body: string;
}

export interface RawAnswer {
    responses: RawResponse[];
    /** The server neither answered completely nor closed within the time allowed. */
    timedOut: boolean;
}

/** Writes `bytes`, half-closes (so a server waiting for more sees the end), and reads until the server closes. */
export function rawExchange(port: number, bytes: Buffer, timeoutMs: number): Promise<RawAnswer> {
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        let timedOut = false;
        const socket = connect({ host: '127.0.0.1', port });
        const timer = setTimeout(() => {
            timedOut = true;
            socket.destroy();
        }, timeoutMs);
        socket.on('connect', () => socket.end(bytes));
        socket.on('data', (chunk) => chunks.push(chunk));
        // A reset is one of the answers a server may give to garbage; what it sent before still counts.
        socket.on('error', () => undefined);
        socket.on('close', () => {
            clearTimeout(timer);
            resolve({ responses: parseResponses(Buffer.concat(chunks).toString('latin1')), timedOut });
        });
    });
}

/** HTTP/1.x responses one after another; a status of NaN marks bytes that are not a response. */
export function parseResponses(text: string): RawResponse[] {
    const responses: RawResponse[] = [];
    let rest = text;
    while (rest.length > 0) {
        const headEnd = rest.indexOf('\r\n\r\n');
        const head = headEnd < 0 ? rest : rest.slice(0, headEnd);
        const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(head)?.[1] ?? NaN);
        rest = headEnd < 0 ? '' : rest.slice(headEnd + 4);
        let body: string;
        if (status < 200 || status === 204 || status === 304) body = '';
        else if (/\r\ntransfer-encoding: *chunked/i.test(head)) [body, rest] = dechunked(rest);
        else {
            const length = /\r\ncontent-length: *(\d+)/i.exec(head);
            const bodyLength = length ? Number(length[1]) : rest.length;
            [body, rest] = [rest.slice(0, bodyLength), rest.slice(bodyLength)];
        }
        responses.push({ status, body: Buffer.from(body, 'latin1').toString('utf8') });
    }
    return responses;
}

/** A chunked body's content, and what follows it. */
function dechunked(text: string): [string, string] {
    let body = '';
    let rest = text;
    for (;;) {
        const lineEnd = rest.indexOf('\r\n');
        const size = lineEnd < 0 ? NaN : parseInt(rest.slice(0, lineEnd), 16);
        if (!(size >= 0)) return [body, ''];
        rest = rest.slice(lineEnd + 2);
        if (size === 0) return [body, rest.slice(rest.indexOf('\r\n') + 2)];
        body += rest.slice(0, size);
        rest = rest.slice(size + 2);
    }
}
