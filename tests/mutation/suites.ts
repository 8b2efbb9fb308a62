// The contract suites a mutant must fail. Gas ceilings (tests/gas.spec.ts) are left out: a mutant that only costs
// more gas is not a behavioural kill. Backend, worker and script suites do not run the contracts' checks.

import * as fs from 'fs';
import * as path from 'path';

export const CONTRACT_SUITES = [
    'tests/taskEscrow.spec.ts',
    'tests/escrowMaster.spec.ts',
    'tests/claimComment.spec.ts',
    'tests/claimEncoding.spec.ts',
    'tests/escrow.storage.spec.ts',
    'tests/refunding.spec.ts',
    'tests/payableExecutors.spec.ts',
    'tests/escrow.property.spec.ts',
];

/** Parser and kernel suites are picked up by name as they appear: tests/parser*.spec.ts, tests/*kernel*.spec.ts. */
export const EXTRA_SUITE_PATTERN = /^(parser.*|.*kernel.*)\.spec\.ts$/i;

/** The suites that exist under `root`: CONTRACT_SUITES, then any parser or kernel suites. */
export function contractSuites(root: string): string[] {
    const extra = fs
        .readdirSync(path.join(root, 'tests'))
        .filter((f) => EXTRA_SUITE_PATTERN.test(f))
        .map((f) => `tests/${f}`)
        .sort();
    return [...new Set([...CONTRACT_SUITES, ...extra])].filter((s) => fs.existsSync(path.join(root, s)));
}
