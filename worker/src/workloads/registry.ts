// The workloads a worker can run. A module says which one it is by the entry function it exports.
import { hashChain } from './hashChain';
import { matrixProduct } from './matrixProduct';
import { primeSieve } from './primeSieve';
import { Workload } from './workload';

export const WORKLOADS: readonly Workload[] = [hashChain, primeSieve, matrixProduct];

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
