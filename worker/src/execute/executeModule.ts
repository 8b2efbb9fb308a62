// The Node host of the module contract (moduleContract.ts): sha256 from node:crypto, and each call in its own
// worker_threads thread with a capped heap (runInSandbox.ts).
import { createHash } from 'node:crypto';
import { ModuleHost, executeOnHost } from './moduleContract';
import { ExecutionLimits, ExecutionOutcome } from './outcome';
import { runInSandbox } from './runInSandbox';

export const NODE_MODULE_HOST: ModuleHost = {
    sha256: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
    run: runInSandbox,
};

/**
 * Runs `input` through the module whose sha256 must be `expectedSha256`, in a sandbox thread. Every way the module
 * can fail resolves to `{ ok: false, reason }`; the promise rejects only for the host's own faults (limits out of
 * range, a broken sandbox thread). It settles after the module's thread has exited.
 */
export function executeModule(bytes: Uint8Array, expectedSha256: string, input: unknown, limits: ExecutionLimits): Promise<ExecutionOutcome> {
    return executeOnHost(NODE_MODULE_HOST, bytes, expectedSha256, input, limits);
}
