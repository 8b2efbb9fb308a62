// The numbers that shape a task, in one place; docs/service.md quotes them.
import { toNano } from '@ton/core';
import { MAX_RESULT_SLOTS, MAX_TASK_DURATION } from '../../../build/TaskEscrow/TaskEscrow_TaskEscrow';

/** The bounds a request is checked against are the protocol's (protocol/limits.ts). */
export { MAX_REDUNDANCY, MAX_SLOT_TIMEOUT_SECONDS, MIN_SLOT_TIMEOUT_SECONDS } from '../../../protocol';

/** Extra results arbitration may add on top of the quorum; past them, a task with no majority fails. */
export const ARBITRATION_SLOTS = 2;
/** The slot timeout of a task whose requester chose none. */
export const DEFAULT_SLOT_TIMEOUT_SECONDS = 300;
/** A deadline must leave the workers and the claims some time, and be within the escrow's limit. */
export const MIN_TASK_SECONDS = 60;
export const MAX_TASK_SECONDS = Number(MAX_TASK_DURATION);
/** How long a funding transaction stays valid for the requester's wallet. */
export const FUNDING_TX_TTL_SECONDS = 600;

/** The cap on results (and the escrow's result slots) of a task with quorum `redundancy`. */
export function maxResultsFor(redundancy: number): number {
    return Math.min(Number(MAX_RESULT_SLOTS), redundancy + ARBITRATION_SLOTS);
}

/**
 * Gross amount each valid result is paid: the budget split over the cap on results, so the budget covers every
 * result the task could ever accept. What normal runs leave unspent returns to the requester at close.
 */
export function rewardPerResult(budget: bigint, maxResults: number): bigint {
    return budget / BigInt(maxResults);
}

/** Value a claimant attaches to its claim message for gas; the escrow returns what it does not use. */
export const CLAIM_ATTACHED_VALUE = toNano('0.05');
/** How long a payout intent is valid; a fresh one is issued after it expires. */
export const INTENT_TTL_SECONDS = 900;
export { INTENT_MIN_REMAINING_SECONDS } from '../../../protocol';
