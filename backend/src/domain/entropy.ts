// Disagreement ("entropy") per operation type, and the redundancy it calls for on future tasks of that type.
import { forget } from './forgetting';

/** Redundancy of an operation type whose results never collide. */
export const BASE_REDUNDANCY = 2;
/** How strongly the collision rate raises redundancy: k in `ceil(base · (1 + k · rate))`. */
export const ENTROPY_GAIN = 2;
// Decayed counts are floats: 2 · (1 + 2 · 0.25) may come out as 3.0000000000000004, which must not round up to 4.
export const REDUNDANCY_ROUNDING_TOLERANCE = 1e-9;

/**
 * Decayed counts for one operation type. `decisions`: every consensus verdict that was not pending (a decision
 * or a collision); `collisions`: those that were collisions. `collisions ≤ decisions` always.
 */
export interface EntropyStats {
    readonly decisions: number;
    readonly collisions: number;
}

/** Stats of an operation type never validated. */
export function initialEntropy(): EntropyStats {
    return { decisions: 0, collisions: 0 };
}

/**
 * Returns the stats after one verdict; `stats` is left as it was. Both counts decay by the forgetting factor,
 * then `decisions` gains 1 and `collisions` gains 1 if the verdict was a collision.
 */
export function updateEntropy(stats: EntropyStats, verdict: 'agreement' | 'collision'): EntropyStats {
    return {
        decisions: forget(stats.decisions) + 1,
        collisions: forget(stats.collisions) + (verdict === 'collision' ? 1 : 0),
    };
}

/** `collisions / decisions`, in [0, 1]; 0 before any verdict. */
export function collisionRate(stats: EntropyStats): number {
    return stats.decisions === 0 ? 0 : stats.collisions / stats.decisions;
}

/**
 * Redundancy for a new task of this operation type:
 * `min(maxRedundancy, max(requesterRedundancy, ceil(BASE_REDUNDANCY · (1 + ENTROPY_GAIN · collisionRate))))`.
 * The requester's redundancy is a minimum, so it must not exceed `maxRedundancy`; both must be positive
 * integers, otherwise RangeError.
 */
export function redundancyFor(stats: EntropyStats, requesterRedundancy: number, maxRedundancy: number): number {
    if (!Number.isInteger(requesterRedundancy) || requesterRedundancy < 1) {
        throw new RangeError(`requesterRedundancy must be a positive integer, got ${requesterRedundancy}`);
    }
    if (!Number.isInteger(maxRedundancy) || maxRedundancy < requesterRedundancy) {
        throw new RangeError(
            `maxRedundancy must be an integer of at least the requester's ${requesterRedundancy}, got ${maxRedundancy}`,
        );
    }
    const entropyRedundancy = Math.ceil(
        BASE_REDUNDANCY * (1 + ENTROPY_GAIN * collisionRate(stats)) - REDUNDANCY_ROUNDING_TOLERANCE,
    );
    return Math.min(maxRedundancy, Math.max(requesterRedundancy, entropyRedundancy));
}
