// Failures in toncenter's v2 shape: `{ ok: false, error: <message>, code: <status> }`, sent with `code` as the HTTP
// status. Not JSON-RPC 2.0 error objects: toncenter answers its JSON-RPC endpoint this way too, and its clients
// (TonClient, tonweb, Blueprint) read `ok` and `error` as toncenter sends them.

export class ToncenterError extends Error {
    constructor(
        /** HTTP status, repeated as `code` in the body. */
        readonly code: number,
        message: string,
    ) {
        super(message);
        this.name = 'ToncenterError';
    }
}

/** A parameter missing, of the wrong type or out of range: toncenter's 422. */
export function badParameter(message: string): ToncenterError {
    return new ToncenterError(422, message);
}

/** An address that does not parse: toncenter's own status and wording for it. */
export function incorrectAddress(value: unknown): ToncenterError {
    return new ToncenterError(416, `Incorrect address: ${JSON.stringify(value)}`);
}

/** What the chain refused or could not find, reported with the liteserver prefix toncenter passes through. */
export function liteServerError(message: string): ToncenterError {
    return new ToncenterError(500, `LITE_SERVER_UNKNOWN: ${message}`);
}
