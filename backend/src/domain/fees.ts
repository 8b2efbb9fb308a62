// The split of a claimed amount between executor and platform, exactly as TaskEscrow computes it.

/** Hard cap on the platform fee: 20%. Equals MAX_FEE_BPS in contracts/constants.tact. */
export const MAX_FEE_BPS = 2000n;
/** Basis points in a whole. Equals BPS_DENOMINATOR in contracts/constants.tact. */
export const BPS_DENOMINATOR = 10_000n;

export interface PayoutSplit {
    platformFee: bigint;
    executorReward: bigint;
}

/**
 * `platformFee = floor(amount · feeBps / 10 000)`, `executorReward = amount − platformFee` (nanotons).
 * The fee rounds down, in the executor's favour. Throws RangeError for a negative amount, a negative fee,
 * or a fee above 2000 bps.
 */
export function splitPayout(amount: bigint, feeBps: bigint): PayoutSplit {
    if (amount < 0n) {
        throw new RangeError(`amount must not be negative, got ${amount}`);
    }
    if (feeBps < 0n || feeBps > MAX_FEE_BPS) {
        throw new RangeError(`feeBps must be in [0, ${MAX_FEE_BPS}], got ${feeBps}`);
    }
    const platformFee = (amount * feeBps) / BPS_DENOMINATOR;
    return { platformFee, executorReward: amount - platformFee };
}
