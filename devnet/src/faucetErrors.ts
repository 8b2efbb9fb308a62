// The faucet's errors in the same shape as the service's, { error: { code, message } }, so one client reads both.
import { Type } from '@sinclair/typebox';

/** A refusal with its HTTP status and a stable code. */
export class FaucetHttpError extends Error {
    constructor(
        readonly statusCode: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

export function errorBody(code: string, message: string) {
    return { error: { code, message } };
}

export const ErrorResponse = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
