// The one thing about the hub's link that differs between Node and a browser: opening the WebSocket. Node's `ws`
// sends the session token as a header and sees the HTTP answer of a refused upgrade; a browser can set no header
// (the token goes in the query) and sees only that the socket closed. HubConnection takes one of these and is
// otherwise the same everywhere.

/** What a socket tells the connection, in this order: open, then messages, then close once. */
export interface HubSocketEvents {
    open(): void;
    message(text: string): void;
    /** A sign of life that carries no frame (a pong, a binary message). */
    alive(): void;
    /** The hub refused the upgrade with this HTTP status and error code; close follows. */
    refused(status: number, code: string): void;
    close(code: number, reason: string): void;
}

export interface HubSocket {
    send(text: string): void;
    /** Drops the link at once, as a network failure would; close follows. */
    terminate(): void;
}

/** Opens `url` (which carries the device id) with the session `token`. */
export type OpenHubSocket = (url: string, token: string, on: HubSocketEvents) => HubSocket;
