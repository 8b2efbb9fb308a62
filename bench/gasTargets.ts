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
    fund: 12_000,
    claimBinary: 7_950,
    claimBinaryRelayed: 9_300,
    claimText: 24_700,
    claimTextBase64: 27_500,
    replayRejected: 3_500,
    closeDeadline: 6_100,
    closeLast: 28_300,
} as const;
