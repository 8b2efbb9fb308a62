// Which mutants matter most. A mutant's category comes from the file and the function it sits in: the first rule
// below that matches wins. Edit the table when the contracts change shape; `npm run test:mutation -- --list`
// shows the category of every mutant.

import type { FunctionInfo } from './mutants';

export type Category = 'money' | 'parser' | 'other';

export const CATEGORIES: Category[] = ['money', 'parser', 'other'];

/** The receivers where money moves: funding (master and escrow), the claim (binary and text), the close. */
export const MONEY_PATH_ROOTS = /\.receive\((FundTask|SetupEscrow|ClaimReward|CloseTask|Slice|String)\)$/;

export interface CategoryRule {
    category: Category;
    /** Matches the path relative to the repository root. */
    file?: RegExp;
    /** Matches the qualified function name (`EscrowMaster.receive(FundTask)`, `payClaim`). */
    fn?: RegExp;
    /** Matches only functions a money-path receiver calls, directly or through other functions. */
    calledFromMoneyPath?: boolean;
    why: string;
}

export const CATEGORY_RULES: CategoryRule[] = [
    { category: 'parser', file: /claim_comment\.tact$|parser|kernel/, why: 'the text-claim comment parser and its assembly kernels' },
    { category: 'money', fn: MONEY_PATH_ROOTS, why: 'the fund, claim and close receivers' },
    { category: 'money', calledFromMoneyPath: true, why: 'what those receivers call: the claim, the books, the payouts' },
    { category: 'other', why: 'owner settings, getters, anything off the money path' },
];

export interface SourceFunctions {
    file: string;
    functions: FunctionInfo[];
}

const key = (file: string, f: FunctionInfo) => `${file}#${f.name}`;

/** Every function reachable from a money-path receiver, across all files (calls are matched by name). */
export function moneyPathFunctions(sources: SourceFunctions[]): Set<string> {
    const byName = new Map<string, { file: string; f: FunctionInfo }[]>();
    for (const s of sources) {
        for (const f of s.functions) byName.set(f.bareName, [...(byName.get(f.bareName) ?? []), { file: s.file, f }]);
    }
    const reached = new Set<string>();
    const queue = sources.flatMap((s) => s.functions.filter((f) => MONEY_PATH_ROOTS.test(f.name)).map((f) => ({ file: s.file, f })));
    while (queue.length > 0) {
        const { file, f } = queue.pop()!;
        if (reached.has(key(file, f))) continue;
        reached.add(key(file, f));
        for (const name of f.calls) queue.push(...(byName.get(name) ?? []).filter((c) => c.f.bareName !== 'receive'));
    }
    return reached;
}

export type Classifier = (file: string, f: FunctionInfo) => Category;

/** The classifier for one set of sources: CATEGORY_RULES, with the money path's call graph worked out once. */
export function classifierFor(sources: SourceFunctions[]): Classifier {
    const moneyPath = moneyPathFunctions(sources);
    return (file, f) => {
        const rule = CATEGORY_RULES.find(
            (r) =>
                (r.file === undefined || r.file.test(file)) &&
                (r.fn === undefined || r.fn.test(f.name)) &&
                (r.calledFromMoneyPath !== true || moneyPath.has(key(file, f))),
        );
        return rule?.category ?? 'other';
    };
}
