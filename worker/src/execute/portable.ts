// The module contract's platform-free parts, for hosts other than Node's (the browser engine in web/src/engine).
// Nothing reachable from here imports a Node module or uses Buffer; tests/worker/portableContract.spec.ts checks it.
export { executeOnHost, MAX_MEMORY_BYTES, MAX_TIME_MS } from './moduleContract';
export type { ModuleHost } from './moduleContract';
export { runModuleCall } from './runStep';
export type { RunStepResult } from './runStep';
export { superviseRun, SANDBOX_STARTUP_GRACE_MS } from './supervisedRun';
export type { RunnerHandle, RunnerSignals } from './supervisedRun';
export type { SandboxJob, SandboxReport, SandboxResult, SandboxFailureReason } from './sandboxMessages';
export { DEFAULT_LIMITS } from './outcome';
export type { ExecutionLimits, ExecutionOutcome, FailureReason } from './outcome';
export { WORKLOADS } from '../workloads/registry';
export type { Sha256 } from '../workloads/workload';
