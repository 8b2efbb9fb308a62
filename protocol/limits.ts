// Bounds a request must stay within; the schemas enforce them and clients can check them before sending.

/** Highest redundancy (quorum) a task can ask for. */
export const MAX_REDUNDANCY = 16;
/** Slot timeouts a requester may choose. */
export const MIN_SLOT_TIMEOUT_SECONDS = 10;
export const MAX_SLOT_TIMEOUT_SECONDS = 3600;
/** The largest WebAssembly module the service stores. */
export const MAX_MODULE_BYTES = 1024 * 1024;
/** Base64 characters of the largest module. */
export const MAX_MODULE_BASE64_CHARS = Math.ceil(MAX_MODULE_BYTES / 3) * 4;
/**
 * A payout intent with less time than this left is not handed out; a fresh one is signed instead, and none at all
 * when the escrow's deadline is that close (409 TASK_PAST_DEADLINE).
 */
export const INTENT_MIN_REMAINING_SECONDS = 60;
