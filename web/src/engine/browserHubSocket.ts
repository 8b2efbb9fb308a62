// The hub's socket in a browser. A page cannot set headers on a WebSocket, so the session token goes in the query
// (`&token=`, which the service accepts and never logs). Nor can it see why an upgrade was refused: the socket just
// closes before it opens. Then the engine asks the API what it would refuse (explainRefusal), so HubConnection
// renews the session or the device exactly as it does for the CLI.
import type { HubSocket, OpenHubSocket } from '../../../client/hubSocket';

/** The parts of a WebSocket the page uses: the browser's own, or `ws` in jest (the same API). */
export interface WebSocketLike {
    onopen: ((event: unknown) => void) | null;
    onmessage: ((event: { data: unknown }) => void) | null;
    onerror: ((event: unknown) => void) | null;
    onclose: ((event: { code: number; reason: string }) => void) | null;
    send(text: string): void;
    close(code?: number): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

/** What the service refuses this token for, or null when it would not refuse it (or cannot be asked). */
export type ExplainRefusal = (token: string) => Promise<{ status: number; code: string } | null>;

/** The close code of a link that dropped without a closing handshake, as `ws` reports a terminated socket. */
export const CLOSE_ABNORMAL = 1006;

export function browserHubSocket(openWebSocket: WebSocketFactory, explainRefusal: ExplainRefusal): OpenHubSocket {
    return (url, token, on): HubSocket => {
        const socket = openWebSocket(`${url}&token=${encodeURIComponent(token)}`);
        let opened = false;
        let closed = false;
        const finish = (code: number, reason: string) => {
            if (closed) return;
            closed = true;
            socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
            on.close(code, reason);
        };
        socket.onopen = () => {
            opened = true;
            on.open();
        };
        socket.onmessage = (event) => (typeof event.data === 'string' ? on.message(event.data) : on.alive());
        // 'close' always follows an 'error', so the close handler alone decides what happens next.
        socket.onerror = () => undefined;
        socket.onclose = ({ code, reason }) => {
            if (opened) return finish(code, reason);
            explainRefusal(token).then(
                (refusal) => {
                    if (refusal && !closed) on.refused(refusal.status, refusal.code);
                    finish(code, reason);
                },
                () => finish(code, reason),
            );
        };
        return {
            send: (text) => socket.send(text),
            // A browser cannot drop a socket without a closing handshake, which may wait on a dead network: the
            // connection is told it is closed at once, and the socket finishes closing on its own.
            terminate: () => {
                const wasOpen = opened;
                finish(CLOSE_ABNORMAL, 'terminated');
                // Closing a socket that is still connecting makes the browser log an error; close it once it opens.
                if (wasOpen) socket.close();
                else socket.onopen = () => socket.close();
            },
        };
    };
}
