/** Gas targets from the escrow-core issue; the gas test enforces them as ceilings. */
export const GAS_TARGETS = {
    fund: 12_000,
    claimBinary: 5_500,
    claimText: 14_000,
    replayRejected: 3_500,
} as const;
