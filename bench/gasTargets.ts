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
    fund: 11_900,
    claimBinary: 7_600,
    claimBinaryRelayed: 8_950,
    claimText: 19_700,
    claimTextBase64: 23_950,
    replayRejected: 3_100,
    closeDeadline: 6_150,
    closeLast: 23_200,
} as const;
