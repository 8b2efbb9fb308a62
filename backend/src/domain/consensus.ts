// BOINC-style validation of one task's redundant results: a strict majority of what was received, with a quorum.

/** One result received for a task, already reduced to its canonical hash (see canonicalResult.ts). */
export interface ReceivedResult {
    deviceId: string;
    wallet: string;
    resultHash: string;
    turnaroundMs: number;
    /** Whether the identity (its wallet) was established when the task was decided; absent means not. */
    established?: boolean;
}

/** How many results a task needs before deciding (its redundancy), and how many it may ever collect. */
export interface ConsensusRule {
    quorum: number;
    maxResults: number;
    /**
     * When a majority must hold an established identity: `when_contested` (the default) only when some other
     * result's identity is established; `always` for every decision, so identities without a record never decide.
     */
    establishedMajority?: 'when_contested' | 'always';
}

/** Fewer results than the quorum: wait. */
export interface PendingConsensus {
    kind: 'pending';
    received: number;
    quorum: number;
}

/** A strict majority agreed: its members are valid, everyone else is invalid. Device ids are sorted. */
export interface DecidedConsensus {
    kind: 'decided';
    canonicalHash: string;
    validDeviceIds: string[];
    invalidDeviceIds: string[];
}

/**
 * No decision. `reason`: `no_majority` when no group is a strict majority (this includes every tie);
 * `no_established_in_majority` when the majority holds no established identity and the rule asks for one
 * (always, or because another result's identity is established): identities without a record do not outvote one
 * that has it. `arbitrate`: open exactly one extra slot and decide again
 * when its result arrives. `failed`: the cap on results is reached, the task fails.
 */
export interface CollisionConsensus {
    kind: 'collision';
    reason: 'no_majority' | 'no_established_in_majority';
    resolution: 'arbitrate' | 'failed';
    received: number;
    largestGroup: number;
}

export type ConsensusOutcome = PendingConsensus | DecidedConsensus | CollisionConsensus;

export type LateResultVerdict = 'valid' | 'invalid';

/** Smallest group that can win under a quorum: ⌊quorum/2⌋ + 1. */
export function minimumWinningGroup(quorum: number): number {
    return Math.floor(quorum / 2) + 1;
}

/**
 * Decides one task from the results received so far.
 *
 * Pending while `received < quorum`. Then the largest group of equal hashes wins when
 * `2 × size > received` and `size ≥ ⌊quorum/2⌋ + 1`, unless it holds no established identity while another
 * result's identity is established (or, with `establishedMajority: 'always'`, holds none at all); otherwise it is
 * a collision, to arbitrate while `received < maxResults` and failed once the cap is reached.
 *
 * The outcome does not depend on the order of `results`. Throws RangeError for a rule that is not two integers
 * with `1 ≤ quorum ≤ maxResults`, for more results than `maxResults`, and for two results from the same device
 * or the same wallet (a task's slots are held by distinct devices and wallets).
 */
export function decideConsensus(results: readonly ReceivedResult[], rule: ConsensusRule): ConsensusOutcome {
    checkRule(rule);
    checkResults(results, rule);
    const received = results.length;
    if (received < rule.quorum) {
        return { kind: 'pending', received, quorum: rule.quorum };
    }
    const groups = groupByHash(results);
    const largestGroup = Math.max(...[...groups.values()].map((devices) => devices.length));
    const winners = [...groups.entries()].filter(([, devices]) => devices.length === largestGroup);
    const [winningHash, winningDevices] = winners[0];
    const isMajority =
        winners.length === 1 && 2 * largestGroup > received && largestGroup >= minimumWinningGroup(rule.quorum);
    const needsEstablished = rule.establishedMajority === 'always' || results.some((r) => r.established === true);
    const lacksEstablished =
        isMajority && needsEstablished && !results.some((r) => r.resultHash === winningHash && r.established === true);
    if (!isMajority || lacksEstablished) {
        return {
            kind: 'collision',
            reason: isMajority ? 'no_established_in_majority' : 'no_majority',
            resolution: received < rule.maxResults ? 'arbitrate' : 'failed',
            received,
            largestGroup,
        };
    }
    const invalidDeviceIds = results.filter((r) => r.resultHash !== winningHash).map((r) => r.deviceId);
    return {
        kind: 'decided',
        canonicalHash: winningHash,
        validDeviceIds: [...winningDevices].sort(),
        invalidDeviceIds: invalidDeviceIds.sort(),
    };
}

/** A result that arrives after the decision is valid exactly when it equals the canonical result. */
export function checkLateResult(canonicalHash: string, resultHash: string): LateResultVerdict {
    return resultHash === canonicalHash ? 'valid' : 'invalid';
}

function checkRule({ quorum, maxResults, establishedMajority }: ConsensusRule): void {
    if (establishedMajority !== undefined && establishedMajority !== 'when_contested' && establishedMajority !== 'always') {
        throw new RangeError(`establishedMajority must be when_contested or always, got ${establishedMajority}`);
    }
    if (!Number.isInteger(quorum) || quorum < 1) {
        throw new RangeError(`quorum must be a positive integer, got ${quorum}`);
    }
    if (!Number.isInteger(maxResults) || maxResults < quorum) {
        throw new RangeError(`maxResults must be an integer of at least the quorum ${quorum}, got ${maxResults}`);
    }
}

function checkResults(results: readonly ReceivedResult[], { maxResults }: ConsensusRule): void {
    if (results.length > maxResults) {
        throw new RangeError(`${results.length} results exceed the cap of ${maxResults}`);
    }
    const devices = new Set<string>();
    const wallets = new Set<string>();
    for (const { deviceId, wallet } of results) {
        if (devices.has(deviceId)) {
            throw new RangeError(`device ${deviceId} has more than one result`);
        }
        if (wallets.has(wallet)) {
            throw new RangeError(`wallet ${wallet} has more than one result`);
        }
        devices.add(deviceId);
        wallets.add(wallet);
    }
}

function groupByHash(results: readonly ReceivedResult[]): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const { deviceId, resultHash } of results) {
        const devices = groups.get(resultHash);
        if (devices) {
            devices.push(deviceId);
        } else {
            groups.set(resultHash, [deviceId]);
        }
    }
    return groups;
}
