import fc from 'fast-check';
import {
    checkLateResult,
    ConsensusOutcome,
    decideConsensus,
    minimumWinningGroup,
    ReceivedResult,
} from '../../../backend/src/domain/consensus';

/** Results in arrival order: the i-th (from 1) comes from device `d<i>` of wallet `w<i>` and hashes to `hashes[i-1]`. */
function resultsOf(...hashes: string[]): ReceivedResult[] {
    return hashes.map((resultHash, i) => ({
        deviceId: `d${i + 1}`,
        wallet: `w${i + 1}`,
        resultHash,
        turnaroundMs: 1000 * (i + 1),
    }));
}

describe('decideConsensus', () => {
    describe('worked example: quorum 3, cap 5', () => {
        const rule = { quorum: 3, maxResults: 5 };

        it('waits while fewer than 3 results are in', () => {
            expect(decideConsensus(resultsOf('A', 'A'), rule)).toEqual({ kind: 'pending', received: 2, quorum: 3 });
        });

        it('A, A, B: A is 2 of 3 (> 1.5 and ≥ 2), so d1, d2 are valid and d3 invalid', () => {
            expect(decideConsensus(resultsOf('A', 'A', 'B'), rule)).toEqual({
                kind: 'decided',
                canonicalHash: 'A',
                validDeviceIds: ['d1', 'd2'],
                invalidDeviceIds: ['d3'],
            });
        });

        it('A, B, C collide and arbitrate; A, B, C, A still collide (2 is not > 2) and arbitrate again', () => {
            expect(decideConsensus(resultsOf('A', 'B', 'C'), rule)).toEqual({
                kind: 'collision',
                reason: 'no_majority',
                resolution: 'arbitrate',
                received: 3,
                largestGroup: 1,
            });
            expect(decideConsensus(resultsOf('A', 'B', 'C', 'A'), rule)).toEqual({
                kind: 'collision',
                reason: 'no_majority',
                resolution: 'arbitrate',
                received: 4,
                largestGroup: 2,
            });
        });

        it('A, B, C, A, A: arbitration settles it, A is 3 of 5', () => {
            expect(decideConsensus(resultsOf('A', 'B', 'C', 'A', 'A'), rule)).toEqual({
                kind: 'decided',
                canonicalHash: 'A',
                validDeviceIds: ['d1', 'd4', 'd5'],
                invalidDeviceIds: ['d2', 'd3'],
            });
        });

        it('A, B, C, A, B: the cap of 5 is reached without a majority, the task fails', () => {
            expect(decideConsensus(resultsOf('A', 'B', 'C', 'A', 'B'), rule)).toEqual({
                kind: 'collision',
                reason: 'no_majority',
                resolution: 'failed',
                received: 5,
                largestGroup: 2,
            });
        });
    });

    it('1-of-1: a single result decides', () => {
        expect(decideConsensus(resultsOf('A'), { quorum: 1, maxResults: 1 })).toEqual({
            kind: 'decided',
            canonicalHash: 'A',
            validDeviceIds: ['d1'],
            invalidDeviceIds: [],
        });
        expect(decideConsensus([], { quorum: 1, maxResults: 1 })).toEqual({ kind: 'pending', received: 0, quorum: 1 });
    });

    it('2-of-3: a 1–1 tie arbitrates, the third result breaks it', () => {
        const rule = { quorum: 2, maxResults: 3 };
        expect(decideConsensus(resultsOf('A', 'B'), rule)).toMatchObject({ kind: 'collision', resolution: 'arbitrate' });
        expect(decideConsensus(resultsOf('A', 'B', 'B'), rule)).toEqual({
            kind: 'decided',
            canonicalHash: 'B',
            validDeviceIds: ['d2', 'd3'],
            invalidDeviceIds: ['d1'],
        });
        expect(decideConsensus(resultsOf('A', 'B', 'C'), rule)).toMatchObject({ kind: 'collision', resolution: 'failed' });
    });

    it('a tie of the two largest groups is a collision even past the quorum', () => {
        expect(decideConsensus(resultsOf('A', 'A', 'B', 'B'), { quorum: 3, maxResults: 6 })).toEqual({
            kind: 'collision',
            reason: 'no_majority',
            resolution: 'arbitrate',
            received: 4,
            largestGroup: 2,
        });
    });

    it('unanimous results are all valid', () => {
        expect(decideConsensus(resultsOf('A', 'A', 'A'), { quorum: 3, maxResults: 3 })).toEqual({
            kind: 'decided',
            canonicalHash: 'A',
            validDeviceIds: ['d1', 'd2', 'd3'],
            invalidDeviceIds: [],
        });
    });

    it('all different results fail at the cap', () => {
        expect(decideConsensus(resultsOf('A', 'B', 'C', 'D', 'E'), { quorum: 3, maxResults: 5 })).toEqual({
            kind: 'collision',
            reason: 'no_majority',
            resolution: 'failed',
            received: 5,
            largestGroup: 1,
        });
    });

    it('a quorum of 1 with a cap still needs a strict majority of what was received', () => {
        const rule = { quorum: 1, maxResults: 3 };
        expect(decideConsensus(resultsOf('A', 'B'), rule)).toMatchObject({ kind: 'collision', resolution: 'arbitrate' });
        expect(decideConsensus(resultsOf('A', 'B', 'A'), rule)).toMatchObject({ kind: 'decided', canonicalHash: 'A' });
    });

    it('the smallest winning group is ⌊quorum/2⌋ + 1', () => {
        expect([1, 2, 3, 4, 5, 6, 7].map(minimumWinningGroup)).toEqual([1, 2, 2, 3, 3, 4, 4]);
    });

    it('refuses a rule that is not 1 ≤ quorum ≤ maxResults in integers', () => {
        for (const rule of [
            { quorum: 0, maxResults: 3 },
            { quorum: 1.5, maxResults: 3 },
            { quorum: 3, maxResults: 2 },
            { quorum: 2, maxResults: 2.5 },
            { quorum: NaN, maxResults: 3 },
        ]) {
            expect(() => decideConsensus([], rule)).toThrow(RangeError);
        }
    });

    it('refuses more results than the cap, or two results from one device or one wallet', () => {
        const rule = { quorum: 2, maxResults: 3 };
        expect(() => decideConsensus(resultsOf('A', 'A', 'A', 'A'), rule)).toThrow(/exceed the cap/);
        const [first, second] = resultsOf('A', 'B');
        expect(() => decideConsensus([first, { ...second, deviceId: first.deviceId }], rule)).toThrow(/device d1/);
        expect(() => decideConsensus([first, { ...second, wallet: first.wallet }], rule)).toThrow(/wallet w1/);
    });

    describe('properties', () => {
        const scenario = fc
            .integer({ min: 1, max: 7 })
            .chain((quorum) =>
                fc.record({
                    quorum: fc.constant(quorum),
                    maxResults: fc.integer({ min: quorum, max: quorum + 6 }),
                }),
            )
            .chain((rule) =>
                fc.record({
                    rule: fc.constant(rule),
                    hashes: fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: rule.maxResults }),
                }),
            )
            .chain(({ rule, hashes }) => {
                const results = resultsOf(...hashes);
                return fc.record({
                    rule: fc.constant(rule),
                    results: fc.constant(results),
                    shuffled: fc.shuffledSubarray(results, { minLength: results.length }),
                });
            });

        it('the outcome does not depend on the order in which results arrived', () => {
            fc.assert(
                fc.property(scenario, ({ rule, results, shuffled }) => {
                    expect(decideConsensus(shuffled, rule)).toEqual(decideConsensus(results, rule));
                }),
            );
        });

        it('a winner is always strictly more than half of the results and at least ⌊quorum/2⌋ + 1', () => {
            fc.assert(
                fc.property(scenario, ({ rule, results }) => {
                    const outcome: ConsensusOutcome = decideConsensus(results, rule);
                    if (outcome.kind !== 'decided') return;
                    const winners = results.filter((r) => r.resultHash === outcome.canonicalHash);
                    expect(2 * winners.length).toBeGreaterThan(results.length);
                    expect(winners.length).toBeGreaterThanOrEqual(minimumWinningGroup(rule.quorum));
                    expect(outcome.validDeviceIds).toEqual(winners.map((r) => r.deviceId).sort());
                    expect([...outcome.validDeviceIds, ...outcome.invalidDeviceIds].sort()).toEqual(
                        results.map((r) => r.deviceId).sort(),
                    );
                }),
            );
        });

        it('pending exactly below the quorum; a collision has no strict majority and arbitrates only below the cap', () => {
            fc.assert(
                fc.property(scenario, ({ rule, results }) => {
                    const outcome = decideConsensus(results, rule);
                    expect(outcome.kind === 'pending').toBe(results.length < rule.quorum);
                    if (outcome.kind !== 'collision') return;
                    const sizes = ['A', 'B', 'C'].map((h) => results.filter((r) => r.resultHash === h).length);
                    expect(Math.max(...sizes)).toBe(outcome.largestGroup);
                    expect(2 * outcome.largestGroup).toBeLessThanOrEqual(results.length);
                    expect(outcome.resolution).toBe(results.length < rule.maxResults ? 'arbitrate' : 'failed');
                }),
            );
        });
    });
});

describe('checkLateResult', () => {
    it('a late result equal to the canonical one is valid, any other is invalid', () => {
        expect(checkLateResult('A', 'A')).toBe('valid');
        expect(checkLateResult('A', 'B')).toBe('invalid');
    });
});
