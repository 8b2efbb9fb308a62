// A device's trust vector (accuracy, latency, stability), how events update it, and the one score that gates
// which tasks it may take.
import { forget } from './forgetting';

/** Beta prior of accuracy: one pseudo-valid and one pseudo-invalid result, i.e. no opinion. */
export const ACCURACY_PRIOR_ALPHA = 1;
export const ACCURACY_PRIOR_BETA = 1;
/** z of the Wilson lower bound on accuracy: the lower end of a two-sided 95% interval. */
export const ACCURACY_CONFIDENCE_Z = 1.96;
/** Weight of the newest turnaround in the latency EWMA. */
export const LATENCY_SMOOTHING = 0.2;
/** Turnaround that scores 0.5 on latency: `latencyScore = 1 / (1 + ewmaMs / LATENCY_REFERENCE_MS)`. */
export const LATENCY_REFERENCE_MS = 10_000;
/** Weight of the newest event (1 = delivered, 0 = timed out or disconnected) in the stability EWMA. */
export const STABILITY_SMOOTHING = 0.1;
/** Stability of a device that has never held a slot. */
export const STABILITY_PRIOR = 0.5;
/** Weights of the trust score; they sum to 1, so the score stays in [0, 1]. */
export const ACCURACY_WEIGHT = 0.6;
export const LATENCY_WEIGHT = 0.25;
export const STABILITY_WEIGHT = 0.15;

/**
 * Everything the service knows about a device's behaviour.
 * `accuracyAlpha`/`accuracyBeta`: Beta posterior counts of valid/invalid results, with forgetting.
 * `latencyEwmaMs`: EWMA of turnaround over valid results, null before the first one.
 * `stability`: EWMA of slot outcomes in [0, 1].
 */
export interface TrustVector {
    readonly accuracyAlpha: number;
    readonly accuracyBeta: number;
    readonly latencyEwmaMs: number | null;
    readonly stability: number;
}

/**
 * What happened to a device. `valid`/`invalid`: its result agreed/disagreed with consensus (or with the canonical
 * result, when late); either way it delivered. `unjudged`: it delivered, but no majority ever formed, so nobody
 * is known to be right (a task failed at the cap on results). `timeout`: its slot expired. `disconnect`: it dropped while
 * holding a slot.
 */
export type TrustEvent =
    | { kind: 'valid'; turnaroundMs: number }
    | { kind: 'invalid' }
    | { kind: 'unjudged' }
    | { kind: 'timeout' }
    | { kind: 'disconnect' };

/** The trust vector of a device that has done nothing yet. */
export function initialTrust(): TrustVector {
    return {
        accuracyAlpha: ACCURACY_PRIOR_ALPHA,
        accuracyBeta: ACCURACY_PRIOR_BETA,
        latencyEwmaMs: null,
        stability: STABILITY_PRIOR,
    };
}

/**
 * Returns the trust vector after `event`; `trust` is left as it was.
 * - accuracy (valid, invalid): both counts' evidence decays toward the prior, then the matching count gains 1:
 *   `α' = α₀ + λ(α − α₀) + [valid]`, `β' = β₀ + λ(β − β₀) + [invalid]`;
 * - latency (valid only): `ewma' = t` for the first valid result, else `(1 − w)·ewma + w·t`, w = 0.2;
 * - stability: `s' = (1 − v)·s + v·x`, v = 0.1, x = 1 for valid, invalid and unjudged, 0 for timeout and disconnect.
 * Throws RangeError for a turnaround that is negative or not finite.
 */
export function updateTrust(trust: TrustVector, event: TrustEvent): TrustVector {
    switch (event.kind) {
        case 'valid':
            return {
                ...withAccuracyEvidence(trust, true),
                latencyEwmaMs: nextLatency(trust.latencyEwmaMs, event.turnaroundMs),
                stability: nextStability(trust.stability, 1),
            };
        case 'invalid':
            return { ...withAccuracyEvidence(trust, false), stability: nextStability(trust.stability, 1) };
        case 'unjudged':
            return { ...trust, stability: nextStability(trust.stability, 1) };
        case 'timeout':
        case 'disconnect':
            return { ...trust, stability: nextStability(trust.stability, 0) };
    }
}

/**
 * Wilson score lower bound of the Beta posterior's accuracy, with n = α + β and p = α / n:
 * `(p + z²/2n − z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n)`, z = 1.96.
 * A fresh device (α = β = 1) scores 0.0945; it rises only as valid results accumulate.
 */
export function accuracyLowerBound(trust: TrustVector): number {
    const n = trust.accuracyAlpha + trust.accuracyBeta;
    const p = trust.accuracyAlpha / n;
    const z2 = ACCURACY_CONFIDENCE_Z * ACCURACY_CONFIDENCE_Z;
    const spread = ACCURACY_CONFIDENCE_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
    return Math.max(0, (p + z2 / (2 * n) - spread) / (1 + z2 / n));
}

/** `1 / (1 + ewmaMs / 10 000)`: 1 for instant results, 0.5 at ten seconds; 0 before any valid result. */
export function latencyScore(trust: TrustVector): number {
    return trust.latencyEwmaMs === null ? 0 : 1 / (1 + trust.latencyEwmaMs / LATENCY_REFERENCE_MS);
}

/** `0.6·accuracyLowerBound + 0.25·latencyScore + 0.15·stability`, in [0, 1]. */
export function trustScore(trust: TrustVector): number {
    const score =
        ACCURACY_WEIGHT * accuracyLowerBound(trust) +
        LATENCY_WEIGHT * latencyScore(trust) +
        STABILITY_WEIGHT * trust.stability;
    // Floating-point sums of weights that add up to 1 can land one ulp above it.
    return Math.min(1, score);
}

/** Whether a device may take a task: its trust score is at least the task's `min_trust_score` (in [0, 1]). */
export function isEligible(trust: TrustVector, minTrustScore: number): boolean {
    if (!(minTrustScore >= 0 && minTrustScore <= 1)) {
        throw new RangeError(`minTrustScore must be in [0, 1], got ${minTrustScore}`);
    }
    return trustScore(trust) >= minTrustScore;
}

function withAccuracyEvidence(trust: TrustVector, valid: boolean): TrustVector {
    return {
        ...trust,
        accuracyAlpha: forget(trust.accuracyAlpha, ACCURACY_PRIOR_ALPHA) + (valid ? 1 : 0),
        accuracyBeta: forget(trust.accuracyBeta, ACCURACY_PRIOR_BETA) + (valid ? 0 : 1),
    };
}

function nextLatency(ewmaMs: number | null, turnaroundMs: number): number {
    if (!(Number.isFinite(turnaroundMs) && turnaroundMs >= 0)) {
        throw new RangeError(`turnaroundMs must be finite and non-negative, got ${turnaroundMs}`);
    }
    return ewmaMs === null ? turnaroundMs : (1 - LATENCY_SMOOTHING) * ewmaMs + LATENCY_SMOOTHING * turnaroundMs;
}

function nextStability(stability: number, outcome: 0 | 1): number {
    return (1 - STABILITY_SMOOTHING) * stability + STABILITY_SMOOTHING * outcome;
}
