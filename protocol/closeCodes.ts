// WebSocket close codes of the hub (4000–4999 are the application's); docs/realtime.md says what a client does.

/** A newer connection of the same device replaced this one: another process runs the device. */
export const CLOSE_REPLACED = 4001;
/** The session token the connection was opened with expired: log in again, reconnect, replay. */
export const CLOSE_SESSION_EXPIRED = 4002;
