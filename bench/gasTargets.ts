/** Gas targets set by the escrow-core issue. */
export const GAS_TARGETS = {
    fund: 12_000,
    claimBinary: 5_500,
    claimText: 14_000,
    replayRejected: 3_500,
} as const;

/**
 * Ceilings the gas test enforces: the measured figures of `npm run bench:gas` with about 2% headroom, so any
 * regression fails CI. Where a ceiling is above its target, docs/escrow.md says so; lower a ceiling whenever an
 * optimisation lands.
 */
export const GAS_CEILINGS = {
    fund: 11_600,
    claimBinary: 6_750,
    claimBinaryRelayed: 8_100,
    claimText: 18_100,
    claimTextBase64: 22_400,
    replayRejected: 2_650,
    closeDeadline: 6_150,
    closeLast: 21_900,
} as const;
