// npm run sim:sybil: honest and lying identities take redundancy-3 tasks under the old rules and the new ones, with
// the service's own domain functions (consensus, trust, Sybil policy) and no network. Prints a table and, last, one
// JSON line. Options: --tasks N (default 4000), --seed S (default 1).
import {
    DEFAULT_SYBIL_POLICY,
    decideConsensus,
    drawsSpotCheck,
    initialTrust,
    isEligible,
    isEstablished,
    ReceivedResult,
    TrustEvent,
    trustScore,
    TrustVector,
    updateTrust,
} from '../../backend/src/domain';

const QUORUM = 3;
const CAP = 5; // redundancy + ARBITRATION_SLOTS, as maxResultsFor gives
const RIGHT = 'right';
const WRONG = 'wrong';
const FRESH_SCORE = trustScore(initialTrust());

/** `always`: every lying identity returns the same wrong answer every time. `sleeper`: right until established, then wrong. */
type Strategy = 'always' | 'sleeper';

interface Rules {
    name: string;
    /** Consensus knows who is established (new) or not (old), and when a majority needs one. */
    establishedQuorum: boolean;
    establishedMajority: 'when_contested' | 'always';
    spotCheckFraction: number;
    minTrustScore: number;
}

const OLD: Rules = { name: 'old, min 0', establishedQuorum: false, establishedMajority: 'when_contested', spotCheckFraction: 0, minTrustScore: 0 };
const CONTESTED_MIN_0: Rules = {
    name: 'new when_contested, min 0',
    establishedQuorum: true,
    establishedMajority: 'when_contested',
    spotCheckFraction: DEFAULT_SYBIL_POLICY.spotCheckFraction,
    minTrustScore: 0,
};
const CONTESTED_DEFAULT: Rules = {
    ...CONTESTED_MIN_0,
    name: 'new when_contested, min 0.3',
    minTrustScore: DEFAULT_SYBIL_POLICY.defaultMinTrustScore,
};
const ALWAYS_MIN_0: Rules = { ...CONTESTED_MIN_0, name: 'new always, min 0', establishedMajority: 'always' };
const ALWAYS_DEFAULT: Rules = { ...CONTESTED_DEFAULT, name: 'new always, min 0.3', establishedMajority: 'always' };
const RULES = [OLD, CONTESTED_MIN_0, CONTESTED_DEFAULT, ALWAYS_MIN_0, ALWAYS_DEFAULT];

interface Identity {
    id: string;
    liar: boolean;
    trust: TrustVector;
    /** Fresh identities a liar has started over with (a new device before, a new wallet after). */
    resets: number;
}

interface Outcome {
    scenario: string;
    strategy: Strategy;
    rules: string;
    tasks: number;
    decided: number;
    decidedWrong: number;
    failed: number;
    unfilled: number;
    paidResults: number;
    paidToLiars: number;
    /** Paid results whose answer was wrong: a liar paid for lying. */
    paidWrong: number;
    spotChecks: number;
    liarsCaughtBySpotCheck: number;
}

function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function established(identity: Identity): boolean {
    return isEstablished(identity.trust, DEFAULT_SYBIL_POLICY.establishedAccuracyBound);
}

function answerOf(identity: Identity, strategy: Strategy): string {
    if (!identity.liar) return RIGHT;
    return strategy === 'always' || established(identity) ? WRONG : RIGHT;
}

function apply(identity: Identity, event: TrustEvent): void {
    identity.trust = updateTrust(identity.trust, event);
    // A liar whose record fell below a fresh one sheds it: under the old rules a new device on the same wallet,
    // under the new ones a new wallet (free to make). Either way it starts again as a fresh identity.
    if (identity.liar && trustScore(identity.trust) < FRESH_SCORE) {
        identity.trust = initialTrust();
        identity.resets++;
    }
}

function simulate(honest: number, liars: number, strategy: Strategy, rules: Rules, tasks: number, seed: number): Outcome {
    const random = mulberry32(seed);
    const pool: Identity[] = [];
    for (let i = 0; i < honest; i++) pool.push({ id: `h${i}`, liar: false, trust: initialTrust(), resets: 0 });
    for (let i = 0; i < liars; i++) pool.push({ id: `l${i}`, liar: true, trust: initialTrust(), resets: 0 });
    const out: Outcome = {
        scenario: `${honest} honest, ${liars} lying`,
        strategy,
        rules: rules.name,
        tasks,
        decided: 0,
        decidedWrong: 0,
        failed: 0,
        unfilled: 0,
        paidResults: 0,
        paidToLiars: 0,
        paidWrong: 0,
        spotChecks: 0,
        liarsCaughtBySpotCheck: 0,
    };
    for (let t = 0; t < tasks; t++) {
        // Identities come for a slot in a random order, as their offer lists and claims happen to arrive.
        const queue = [...pool].sort(() => random() - 0.5);
        const taken: Identity[] = [];
        const results: ReceivedResult[] = [];
        let slotsOpen = QUORUM;
        let verdict: ReturnType<typeof decideConsensus> | null = null;
        for (;;) {
            while (results.length < slotsOpen && queue.length > 0) {
                const candidate = queue.shift()!;
                if (drawsSpotCheck(established(candidate), rules.spotCheckFraction, random())) {
                    // Its offer list carried a spot check: judged at once, unpaid, and it takes no slot this time.
                    out.spotChecks++;
                    const right = answerOf(candidate, strategy) === RIGHT;
                    if (!right) out.liarsCaughtBySpotCheck++;
                    apply(candidate, right ? { kind: 'valid', turnaroundMs: 1000 } : { kind: 'invalid' });
                    continue;
                }
                if (!isEligible(candidate.trust, rules.minTrustScore)) continue;
                taken.push(candidate);
                results.push({
                    deviceId: candidate.id,
                    wallet: candidate.id,
                    resultHash: answerOf(candidate, strategy),
                    turnaroundMs: 1000,
                    established: rules.establishedQuorum && established(candidate),
                });
            }
            if (results.length < slotsOpen) break;
            verdict = decideConsensus(results, { quorum: QUORUM, maxResults: CAP, establishedMajority: rules.establishedMajority });
            if (verdict.kind === 'collision' && verdict.resolution === 'arbitrate') {
                slotsOpen++;
                continue;
            }
            break;
        }
        if (!verdict || verdict.kind === 'pending' || results.length < slotsOpen) {
            out.unfilled++;
            continue;
        }
        if (verdict.kind === 'collision') {
            out.failed++;
            for (const identity of taken) apply(identity, { kind: 'unjudged' });
            continue;
        }
        out.decided++;
        if (verdict.canonicalHash === WRONG) out.decidedWrong++;
        for (const identity of taken) {
            const valid = verdict.validDeviceIds.includes(identity.id);
            if (valid) {
                out.paidResults++;
                if (identity.liar) out.paidToLiars++;
                if (verdict.canonicalHash === WRONG) out.paidWrong++;
            }
            apply(identity, valid ? { kind: 'valid', turnaroundMs: 1000 } : { kind: 'invalid' });
        }
    }
    return out;
}

function option(name: string, fallback: number): number {
    const at = process.argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const value = Number(process.argv[at + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
    return value;
}

function percent(part: number, whole: number): string {
    return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)}%`;
}

function main(): void {
    const tasks = option('tasks', 4000);
    const seed = option('seed', 1);
    const scenarios: Array<[number, number]> = [
        [20, 5],
        [20, 10],
        [10, 10],
    ];
    const outcomes: Outcome[] = [];
    for (const strategy of ['always', 'sleeper'] as const) {
        for (const [honest, liars] of scenarios) {
            for (const rules of RULES) outcomes.push(simulate(honest, liars, strategy, rules, tasks, seed));
        }
    }
    const header = ['identities', 'liars', 'rules', 'wrong', 'failed', 'unfilled', 'paid for lies', 'paid to liars', 'spot checks', 'liars caught'];
    const rows = outcomes.map((o) => [
        o.scenario,
        o.strategy,
        o.rules,
        percent(o.decidedWrong, o.tasks),
        percent(o.failed, o.tasks),
        percent(o.unfilled, o.tasks),
        percent(o.paidWrong, o.paidResults),
        percent(o.paidToLiars, o.paidResults),
        String(o.spotChecks),
        String(o.liarsCaughtBySpotCheck),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
    process.stdout.write(
        `${tasks} tasks per run, redundancy ${QUORUM}, cap ${CAP}, seed ${seed}; shares: wrong, failed, unfilled of tasks; paid of paid results\n`,
    );
    process.stdout.write(line(header) + '\n');
    for (const r of rows) process.stdout.write(line(r) + '\n');
    const summary = outcomes.map((o) => ({
        scenario: o.scenario,
        strategy: o.strategy,
        rules: o.rules,
        wrongShare: o.decidedWrong / o.tasks,
        failedShare: o.failed / o.tasks,
        unfilledShare: o.unfilled / o.tasks,
        paidForLiesShare: o.paidResults === 0 ? 0 : o.paidWrong / o.paidResults,
        paidToLiarsShare: o.paidResults === 0 ? 0 : o.paidToLiars / o.paidResults,
        spotChecks: o.spotChecks,
        liarsCaught: o.liarsCaughtBySpotCheck,
    }));
    process.stdout.write(JSON.stringify({ tasks, seed, quorum: QUORUM, cap: CAP, policy: DEFAULT_SYBIL_POLICY, outcomes: summary }) + '\n');
}

main();
