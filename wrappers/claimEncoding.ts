// The one encoding of payout intents: signed data, the claim comment and its cell, the binary claim body.
// Backend, scripts and tests all use this module; the contract parses the same bytes (tests/vectors prove it).
import { Address, beginCell, Cell } from '@ton/core';
import { createHash } from 'crypto';
import { commentBoc } from './commentBoc';
import { signEd25519, verifyEd25519 } from './ed25519';
import { CLAIM_REWARD_OPCODE, CLAIM_TAG, COMMENT_PREFIX, COMMENT_ROOT_BYTES, MAX_AMOUNT, MAX_TASK_ID, MAX_VALID_UNTIL } from './claimConstants';

export {
    CLAIM_REWARD_OPCODE,
    CLAIM_TAG,
    COMMENT_PREFIX,
    COMMENT_ROOT_BYTES,
    MAINNET_GLOBAL_ID,
    MAX_AMOUNT,
    MAX_TASK_ID,
    MAX_VALID_UNTIL,
    TESTNET_GLOBAL_ID,
} from './claimConstants';
const AMOUNT_LABEL = ' amount=';
const UNTIL_LABEL = ' until=';
const SIG_LABEL = ' sig=';

/** Length of the signed data. */
export const SIGNED_DATA_BYTES = 98;

/** Everything the backend signs for one payout. */
export interface PayoutIntent {
    globalId: number;
    escrow: Address;
    /** The escrow's funding id (getState().fundingId): binds the intent to one funding of the task. */
    fundingId: bigint;
    executor: Address;
    taskId: bigint;
    amount: bigint;
    validUntil: number;
}

/** A claim comment's fields, as the contract reads them. */
export interface ClaimCommentFields {
    taskId: bigint;
    amount: bigint;
    validUntil: number;
    signature: Buffer;
}

/** Why a comment is malformed. Codes equal the ERR_COMMENT_* exit codes of TaskEscrow. */
export enum CommentError {
    Prefix = 450,
    Field = 451,
    Digit = 452,
    Overflow = 453,
    SigLength = 455,
    SigChar = 456,
    Trailing = 457,
    Layout = 458,
}

export class ClaimCommentError extends Error {
    constructor(
        readonly code: CommentError,
        message: string,
    ) {
        super(`${CommentError[code]} (${code}): ${message}`);
        this.name = 'ClaimCommentError';
    }
}

function checkIntent(intent: PayoutIntent): void {
    if (intent.amount <= 0n || intent.amount > MAX_AMOUNT) throw new RangeError(`amount out of range: ${intent.amount}`);
    if (intent.taskId < 0n || intent.taskId > MAX_TASK_ID) throw new RangeError(`task id out of range: ${intent.taskId}`);
    if (!Number.isInteger(intent.validUntil) || intent.validUntil < 0 || intent.validUntil > MAX_VALID_UNTIL) {
        throw new RangeError(`valid-until out of range: ${intent.validUntil}`);
    }
}

/**
 * The 98 bytes the backend signs (through their SHA-256):
 * tag:uint32 global_id:int32 escrow_wc:int8 escrow_hash:bits256 funding_id:uint64
 * executor_wc:int8 executor_hash:bits256 amount:uint64 valid_until:uint64
 */
export function buildSignedData(intent: PayoutIntent): Buffer {
    checkIntent(intent);
    // Written byte by byte rather than through a cell: the layout is whole bytes, and this runs per intent.
    const data = Buffer.alloc(SIGNED_DATA_BYTES);
    data.writeUInt32BE(CLAIM_TAG, 0);
    data.writeInt32BE(intent.globalId, 4);
    data.writeInt8(intent.escrow.workChain, 8);
    intent.escrow.hash.copy(data, 9);
    data.writeBigUInt64BE(intent.fundingId, 41);
    data.writeInt8(intent.executor.workChain, 49);
    intent.executor.hash.copy(data, 50);
    data.writeBigUInt64BE(intent.amount, 82);
    data.writeBigUInt64BE(BigInt(intent.validUntil), 90);
    return data;
}

/** SHA-256 of the signed data: what the ed25519 signature covers (the contract's CHKSIGNU input). */
export function claimDigest(intent: PayoutIntent): Buffer {
    return createHash('sha256').update(buildSignedData(intent)).digest();
}

export function signIntent(intent: PayoutIntent, secretKey: Buffer): Buffer {
    return signEd25519(claimDigest(intent), secretKey);
}

export function verifyIntent(intent: PayoutIntent, signature: Buffer, publicKey: Buffer): boolean {
    return verifyEd25519(claimDigest(intent), signature, publicKey);
}

/** How the comment spells the signature: 128 lowercase hex characters, or 86 base64url characters. */
export type SignatureEncoding = 'hex' | 'base64url';

/** The comment text the executor's wallet sends, for example `GSTD1 claim task=42 amount=1500000000 until=... sig=...`. */
export function buildClaimComment(fields: ClaimCommentFields, encoding: SignatureEncoding = 'hex'): string {
    if (fields.signature.length !== 64) throw new RangeError('signature must be 64 bytes');
    return (
        `${COMMENT_PREFIX}${fields.taskId}${AMOUNT_LABEL}${fields.amount}` +
        `${UNTIL_LABEL}${fields.validUntil}${SIG_LABEL}${fields.signature.toString(encoding)}`
    );
}

/** The comment as a message body: zero opcode, then the text as a snake string with the root cell full. */
export function claimCommentCell(comment: string): Cell {
    return beginCell().storeUint(0, 32).storeStringTail(comment).endCell();
}

/** Base64 BOC of the comment body, ready for a TonConnect `payload`. */
export function claimCommentPayload(comment: string): string {
    const boc = commentBoc(Buffer.from(comment, 'utf8'));
    return (boc ?? claimCommentCell(comment).toBoc()).toString('base64');
}

/** Body of the binary ClaimReward message, for relayers and scripts. */
export function buildClaimRewardBody(intent: PayoutIntent, signature: Buffer, queryId = 0n): Cell {
    checkIntent(intent);
    if (signature.length !== 64) throw new RangeError('signature must be 64 bytes');
    return beginCell()
        .storeUint(CLAIM_REWARD_OPCODE, 32)
        .storeUint(queryId, 64)
        .storeAddress(intent.executor)
        .storeUint(intent.amount, 64)
        .storeUint(intent.validUntil, 64)
        .storeBuffer(signature)
        .endCell();
}

function fail(code: CommentError, message: string): never {
    throw new ClaimCommentError(code, message);
}

/** Reads one decimal field at `at`, by the contract's rules: 1..maxDigits digits, then a space or the end. */
function readDecimal(text: string, at: number, maxDigits: number): [bigint, number] {
    let end = at;
    while (end < text.length && text[end] >= '0' && text[end] <= '9') end++;
    const digits = end - at;
    if (digits === 0) fail(CommentError.Digit, `expected a digit at ${at}`);
    if (digits > maxDigits) fail(CommentError.Overflow, `more than ${maxDigits} digits at ${at}`);
    if (end < text.length && text[end] !== ' ') fail(CommentError.Digit, `non-digit at ${end}`);
    return [BigInt(text.slice(at, end)), end];
}

function expectLabel(text: string, at: number, label: string, code: CommentError): number {
    if (!text.startsWith(label, at)) fail(code, `expected "${label}" at ${at}`);
    return at + label.length;
}

/** Parses comment text exactly as TaskEscrow does, throwing ClaimCommentError with the contract's exit code. */
export function parseClaimComment(text: string): ClaimCommentFields {
    let at = expectLabel(text, 0, COMMENT_PREFIX, CommentError.Prefix);
    let taskId: bigint;
    let amount: bigint;
    let validUntil: bigint;
    [taskId, at] = readDecimal(text, at, 19);
    at = expectLabel(text, at, AMOUNT_LABEL, CommentError.Field);
    [amount, at] = readDecimal(text, at, 19);
    at = expectLabel(text, at, UNTIL_LABEL, CommentError.Field);
    [validUntil, at] = readDecimal(text, at, 10);
    at = expectLabel(text, at, SIG_LABEL, CommentError.Field);
    return { taskId, amount, validUntil: Number(validUntil), signature: readSignature(text.slice(at)) };
}

/** The signature text: 128 lowercase hex or 86 canonical base64url characters; any other length is refused. */
function readSignature(sig: string): Buffer {
    if (sig.length === 86) {
        // Canonical base64url only: the last character's four spare bits must be zero.
        if (!/^[A-Za-z0-9_-]{85}[AQgw]$/.test(sig)) fail(CommentError.SigChar, 'signature is not canonical base64url');
        return Buffer.from(sig, 'base64url');
    }
    if (sig.length > 128) fail(CommentError.Trailing, 'characters after the signature');
    if (sig.length < 128) fail(CommentError.SigLength, `signature has ${sig.length} characters, not 128 (hex) or 86 (base64url)`);
    if (!/^[0-9a-f]{128}$/.test(sig)) fail(CommentError.SigChar, 'signature is not lowercase hex');
    return Buffer.from(sig, 'hex');
}

/** Reads the text of a comment body cell, enforcing the canonical layout the contract accepts. */
export function commentTextOfCell(body: Cell): string {
    const root = body.beginParse();
    if (root.remainingBits < 32 || root.loadUint(32) !== 0) fail(CommentError.Layout, 'not a text comment');
    if (root.remainingRefs > 1 || root.remainingBits % 8 !== 0) fail(CommentError.Layout, 'bad root cell');
    let bytes = root.loadBuffer(root.remainingBits / 8);
    if (root.remainingRefs === 1) {
        if (bytes.length !== COMMENT_ROOT_BYTES) fail(CommentError.Layout, 'root cell not full before continuation');
        const tail = root.loadRef().beginParse();
        if (tail.remainingRefs !== 0 || tail.remainingBits % 8 !== 0 || tail.remainingBits === 0) {
            fail(CommentError.Layout, 'bad continuation cell');
        }
        bytes = Buffer.concat([bytes, tail.loadBuffer(tail.remainingBits / 8)]);
    }
    return bytes.toString('latin1');
}
