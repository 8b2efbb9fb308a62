// Sybil resistance: which identities count as established, how a wallet's accuracy record is kept across its
// devices, and when a low-trust identity gets a known-answer spot check instead of a real task.
import { ACCURACY_PRIOR_ALPHA, ACCURACY_PRIOR_BETA, accuracyLowerBound, TrustVector } from './trust';

/** The numbers of the Sybil rules; the service reads them from its configuration. */
export interface SybilPolicy {
    /** An identity is established when its accuracy lower bound is above this (0.5: six valid results from fresh). */
    establishedAccuracyBound: number;
    /** When a deciding majority must hold an established identity (see ConsensusRule). */
    establishedMajority: 'when_contested' | 'always';
    /** Minimum trust score of a task whose requester names none (0.3: a fresh 0.1317 is below, one valid result 0.4344 above). */
    defaultMinTrustScore: number;
    /** Chance that an offer list for an identity that is not established carries a spot check. */
    spotCheckFraction: number;
}

export const DEFAULT_SYBIL_POLICY: SybilPolicy = {
    establishedAccuracyBound: 0.5,
    establishedMajority: 'when_contested',
    defaultMinTrustScore: 0.3,
    spotCheckFraction: 0.05,
};

/** The accuracy half of a trust vector: what a wallet carries across its devices. */
export interface AccuracyRecord {
    readonly accuracyAlpha: number;
    readonly accuracyBeta: number;
}

/** A wallet with no record: the Beta prior. */
export function initialAccuracy(): AccuracyRecord {
    return { accuracyAlpha: ACCURACY_PRIOR_ALPHA, accuracyBeta: ACCURACY_PRIOR_BETA };
}

/**
 * One record from several (a wallet's devices): the evidence each holds above the prior, summed, on one prior:
 * `α = α₀ + Σ(αᵢ − α₀)`, `β = β₀ + Σ(βᵢ − β₀)`. No record at all is the prior. Nothing one device learned is lost,
 * so a bad record cannot be diluted by adding fresh devices (they add zero evidence).
 */
export function mergeAccuracy(records: readonly AccuracyRecord[]): AccuracyRecord {
    let alpha = ACCURACY_PRIOR_ALPHA;
    let beta = ACCURACY_PRIOR_BETA;
    for (const r of records) {
        alpha += r.accuracyAlpha - ACCURACY_PRIOR_ALPHA;
        beta += r.accuracyBeta - ACCURACY_PRIOR_BETA;
    }
    return { accuracyAlpha: alpha, accuracyBeta: beta };
}

/** The trust a device acts with: its wallet's accuracy, and its own latency and stability (they belong to the machine). */
export function effectiveTrust(wallet: AccuracyRecord, device: TrustVector): TrustVector {
    return { ...device, accuracyAlpha: wallet.accuracyAlpha, accuracyBeta: wallet.accuracyBeta };
}

/** Whether an identity's accuracy lower bound is strictly above `bound`. A fresh identity (0.0945) never is at bound ≥ 0.1. */
export function isEstablished(accuracy: AccuracyRecord, bound: number): boolean {
    if (!(bound >= 0 && bound < 1)) throw new RangeError(`the established bound must be in [0, 1), got ${bound}`);
    return accuracyLowerBound({ ...accuracy, latencyEwmaMs: null, stability: 0 }) > bound;
}

/**
 * Whether this offer list carries a spot check: only for an identity that is not established, and then when the
 * uniform draw in [0, 1) falls below the fraction. An established identity is judged by its peers instead.
 */
export function drawsSpotCheck(established: boolean, fraction: number, draw: number): boolean {
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`the spot-check fraction must be in [0, 1], got ${fraction}`);
    return !established && draw < fraction;
}

/** A spot check is judged at once against the answer the service already knows. */
export function judgeSpotCheck(expectedHash: string, resultHash: string): 'valid' | 'invalid' {
    return resultHash === expectedHash ? 'valid' : 'invalid';
}
