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
    claimBinary: 6_900,
    claimBinaryRelayed: 8_250,
    claimText: 18_750,
    claimTextBase64: 22_950,
    replayRejected: 2_650,
    closeDeadline: 6_150,
    closeLast: 22_600,
} as const;
