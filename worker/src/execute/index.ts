export { executeModule } from './executeModule';
export { DEFAULT_LIMITS } from './outcome';
export type { ExecutionLimits, ExecutionOutcome, FailureReason } from './outcome';
