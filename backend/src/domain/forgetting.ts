// Old evidence fades so that a device's or an operation type's recent behaviour outweighs its distant past.

/**
 * Weight kept by existing evidence each time new evidence arrives. With λ = 0.98 a count settles at
 * 1 / (1 − λ) = 50 after a long run of events: roughly the last fifty events matter.
 */
export const FORGETTING_FACTOR = 0.98;

/** Decays `count` toward `floor` by the forgetting factor: `floor + λ·(count − floor)`. */
export function forget(count: number, floor = 0): number {
    return floor + FORGETTING_FACTOR * (count - floor);
}
