// Pure domain logic of the service: no I/O, every function returns new values.
export { canonicalJson, canonicalResultHash } from './canonicalResult';
export { checkLateResult, decideConsensus, minimumWinningGroup } from './consensus';
export type {
    CollisionConsensus,
    ConsensusOutcome,
    ConsensusRule,
    DecidedConsensus,
    LateResultVerdict,
    PendingConsensus,
    ReceivedResult,
} from './consensus';
export { FORGETTING_FACTOR, forget } from './forgetting';
export {
    ACCURACY_CONFIDENCE_Z,
    ACCURACY_PRIOR_ALPHA,
    ACCURACY_PRIOR_BETA,
    ACCURACY_WEIGHT,
    LATENCY_REFERENCE_MS,
    LATENCY_SMOOTHING,
    LATENCY_WEIGHT,
    STABILITY_PRIOR,
    STABILITY_SMOOTHING,
    STABILITY_WEIGHT,
    accuracyLowerBound,
    initialTrust,
    isEligible,
    latencyScore,
    trustScore,
    updateTrust,
} from './trust';
export type { TrustEvent, TrustVector } from './trust';
export {
    BASE_REDUNDANCY,
    ENTROPY_GAIN,
    REDUNDANCY_ROUNDING_TOLERANCE,
    collisionRate,
    initialEntropy,
    redundancyFor,
    updateEntropy,
} from './entropy';
export type { EntropyStats } from './entropy';
export {
    DEFAULT_SYBIL_POLICY,
    drawsSpotCheck,
    effectiveTrust,
    initialAccuracy,
    isEstablished,
    judgeSpotCheck,
    mergeAccuracy,
} from './sybil';
export type { AccuracyRecord, SybilPolicy } from './sybil';
export { BPS_DENOMINATOR, MAX_FEE_BPS, splitPayout } from './fees';
export type { PayoutSplit } from './fees';
