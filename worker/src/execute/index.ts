export { executeModule } from './executeModule';
export type { ExecutionLimits, ExecutionOutcome, FailureReason } from './outcome';
