// The workloads a worker can run. A module says which one it is by the entry function it exports. Their input
// schemas are the one copy: the service checks a task's input against them when the task is created.
import { hashChain } from './hashChain';
import { matrixProduct } from './matrixProduct';
import { primeSieve } from './primeSieve';
import { Workload } from './workload';

export const WORKLOADS: readonly Workload[] = [hashChain, primeSieve, matrixProduct];

/** The bundled workload a task's operation names, if any. */
export function workloadNamed(operation: string): Workload | undefined {
    return WORKLOADS.find((workload) => workload.name === operation);
}

/** The one workload whose entry the module exports, or why there is not exactly one. */
export function workloadForExports(exportedFunctions: readonly string[]): { ok: true; workload: Workload } | { ok: false; message: string } {
    const matches = WORKLOADS.filter((workload) => exportedFunctions.includes(workload.abi.entry));
    if (matches.length === 1) {
        return { ok: true, workload: matches[0] };
    }
    const entries = WORKLOADS.map((workload) => workload.abi.entry).join(', ');
    return matches.length === 0
        ? { ok: false, message: `the module exports none of the entry functions ${entries}` }
        : { ok: false, message: `the module exports more than one entry function (${matches.map((w) => w.abi.entry).join(', ')})` };
}
