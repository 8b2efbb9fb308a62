// The hub's socket in Node, over `ws`: the token as a bearer header, and a refused upgrade read from its answer.
import { WebSocket } from 'ws';
import { OpenHubSocket } from './hubSocket';

export const openNodeHubSocket: OpenHubSocket = (url, token, on) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    socket.on('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
            // Only the error code is read; a huge body is not kept.
            if (body.length < 4096) body += chunk.toString();
        });
        response.on('end', () => {
            on.refused(response.statusCode ?? 0, errorCodeOf(body) ?? `HTTP_${response.statusCode}`);
            socket.terminate();
        });
    });
    socket.on('open', () => on.open());
    socket.on('pong', () => on.alive());
    socket.on('message', (data, isBinary) => (isBinary ? on.alive() : on.message(data.toString())));
    // 'close' always follows an 'error', so the close handler alone decides what happens next.
    socket.on('error', () => undefined);
    socket.on('close', (code, reason) => on.close(code, reason.toString()));
    return { send: (text) => socket.send(text), terminate: () => socket.terminate() };
};

function errorCodeOf(body: string): string | null {
    try {
        const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
        return typeof code === 'string' ? code : null;
    } catch {
        return null;
    }
}
