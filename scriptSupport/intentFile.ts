// A payout intent as the backend hands it to a worker, saved to a JSON file, read and checked before any send.
import { readFileSync } from 'fs';
import { Address, Cell } from '@ton/core';
import { CLAIM_MIN_VALUE } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import {
    ClaimCommentError,
    ClaimCommentFields,
    claimCommentCell,
    parseClaimComment,
} from '../wrappers/claimEncoding';
import { parseAddress, parseNanotons } from './parse';
import { UsageError } from './usage';

/**
 * The intent file: the TonConnect-ready transaction the backend returns for one payout.
 *
 *   {
 *     "to_address": "EQ…",        the task's escrow (required)
 *     "amount": "50000000",       nanotons to attach, as a digit string (required): gas for the claim, at least
 *                                 CLAIM_MIN_VALUE (0.02 TON); what the claim does not use comes back with the payout
 *     "payload_comment": "GSTD1 claim task=42 amount=1500000000 until=1767229200 sig=<128 hex>"  (required)
 *     "payload": "te6cc…",        base64 BOC of the comment body (optional; if present it must encode payload_comment)
 *     "executor": "EQ…"           the wallet the intent pays (optional; if present it must be the sending wallet)
 *   }
 *
 * Other fields are ignored. The comment's `amount` is the gross payout the backend signed; the executor receives
 * it minus the platform fee.
 */
export interface IntentFile {
    to_address: string;
    amount: string;
    payload_comment: string;
    payload?: string;
    executor?: string;
}

/** An intent file, checked: where to send, what to attach, and the comment it carries. */
export interface ClaimIntent {
    escrow: Address;
    value: bigint;
    comment: string;
    fields: ClaimCommentFields;
    executor?: Address;
}

export function readIntentFile(path: string): ClaimIntent {
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch (e) {
        throw new UsageError(`intent file ${path}: cannot read it (${(e as Error).message})`);
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new UsageError(`intent file ${path}: not valid JSON (${(e as Error).message})`);
    }
    return checkIntent(json, `intent file ${path}`);
}

function checkIntent(json: unknown, source: string): ClaimIntent {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        throw new UsageError(`${source}: expected a JSON object`);
    }
    const file = json as Record<string, unknown>;
    const field = (name: keyof IntentFile, required: boolean): string | undefined => {
        const value = file[name];
        if (value === undefined && !required) return undefined;
        if (typeof value !== 'string') throw new UsageError(`${source}: "${name}" must be a string`);
        return value;
    };

    const escrow = parseAddress(field('to_address', true)!, `${source}: "to_address"`);
    const value = parseNanotons(field('amount', true)!, `${source}: "amount"`);
    if (value < CLAIM_MIN_VALUE) {
        throw new UsageError(`${source}: "amount" ${value} is below the ${CLAIM_MIN_VALUE} nanotons a claim must carry`);
    }
    const comment = field('payload_comment', true)!;
    let fields: ClaimCommentFields;
    try {
        fields = parseClaimComment(comment);
    } catch (e) {
        if (e instanceof ClaimCommentError) throw new UsageError(`${source}: "payload_comment" is malformed: ${e.message}`);
        throw e;
    }
    const payload = field('payload', false);
    if (payload !== undefined && !samePayload(payload, comment)) {
        throw new UsageError(`${source}: "payload" does not encode "payload_comment"`);
    }
    const executorText = field('executor', false);
    const executor = executorText === undefined ? undefined : parseAddress(executorText, `${source}: "executor"`);
    return { escrow, value, comment, fields, executor };
}

function samePayload(payload: string, comment: string): boolean {
    try {
        return Cell.fromBase64(payload).equals(claimCommentCell(comment));
    } catch {
        return false;
    }
}
