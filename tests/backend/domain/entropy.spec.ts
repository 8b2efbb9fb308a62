import fc from 'fast-check';
import {
    BASE_REDUNDANCY,
    collisionRate,
    ENTROPY_GAIN,
    EntropyStats,
    initialEntropy,
    redundancyFor,
    updateEntropy,
} from '../../../backend/src/domain/entropy';

const DIGITS = 12;

function replay(verdicts: ('agreement' | 'collision')[]): EntropyStats {
    return verdicts.reduce(updateEntropy, initialEntropy());
}

describe('entropy per operation type', () => {
    it('an operation type never validated has rate 0 and gets the base redundancy of 2', () => {
        expect(BASE_REDUNDANCY).toBe(2);
        expect(ENTROPY_GAIN).toBe(2);
        expect(collisionRate(initialEntropy())).toBe(0);
        expect(redundancyFor(initialEntropy(), 1, 8)).toBe(2);
        expect(redundancyFor(initialEntropy(), 3, 8)).toBe(3);
    });

    it('worked example: collision, agreement, agreement, agreement', () => {
        const afterCollision = replay(['collision']);
        expect(afterCollision).toEqual({ decisions: 1, collisions: 1 });
        expect(redundancyFor(afterCollision, 1, 8)).toBe(6);
        expect(redundancyFor(afterCollision, 1, 5)).toBe(5);

        const afterOne = updateEntropy(afterCollision, 'agreement');
        expect(afterOne.decisions).toBeCloseTo(1.98, DIGITS);
        expect(afterOne.collisions).toBeCloseTo(0.98, DIGITS);
        expect(collisionRate(afterOne)).toBeCloseTo(0.494949494949495, DIGITS);
        expect(redundancyFor(afterOne, 1, 8)).toBe(4);

        const afterTwo = updateEntropy(afterOne, 'agreement');
        expect(collisionRate(afterTwo)).toBeCloseTo(0.326622228268263, DIGITS);
        expect(redundancyFor(afterTwo, 1, 8)).toBe(4);

        const afterThree = updateEntropy(afterTwo, 'agreement');
        expect(afterThree.decisions).toBeCloseTo(3.881592, DIGITS);
        expect(afterThree.collisions).toBeCloseTo(0.941192, DIGITS);
        expect(collisionRate(afterThree)).toBeCloseTo(0.242475767674707, DIGITS);
        expect(redundancyFor(afterThree, 1, 8)).toBe(3);
        expect(redundancyFor(afterThree, 5, 8)).toBe(5);
    });

    it('a rate of exactly one quarter asks for 3, also a few ulps above it', () => {
        expect(redundancyFor({ decisions: 4, collisions: 1 }, 1, 8)).toBe(3);
        expect(redundancyFor({ decisions: 1, collisions: 0.25000000000000011 }, 1, 8)).toBe(3);
        expect(redundancyFor({ decisions: 1, collisions: 0.2501 }, 1, 8)).toBe(4);
    });

    it('returns new stats and leaves the old ones as they were', () => {
        const before = Object.freeze(replay(['agreement', 'collision']));
        const snapshot = { ...before };
        expect(updateEntropy(before, 'collision')).not.toBe(before);
        expect(before).toEqual(snapshot);
    });

    it('refuses redundancies that are not positive integers, or a requester minimum above the maximum', () => {
        const stats = initialEntropy();
        expect(() => redundancyFor(stats, 0, 8)).toThrow(RangeError);
        expect(() => redundancyFor(stats, 2.5, 8)).toThrow(RangeError);
        expect(() => redundancyFor(stats, 3, 2)).toThrow(RangeError);
        expect(() => redundancyFor(stats, 3, 7.5)).toThrow(RangeError);
    });

    it('property: rate in [0, 1]; redundancy between the requester minimum and the maximum', () => {
        fc.assert(
            fc.property(
                fc.array(fc.constantFrom<'agreement' | 'collision'>('agreement', 'collision'), { maxLength: 300 }),
                fc.integer({ min: 1, max: 10 }),
                fc.integer({ min: 0, max: 10 }),
                (verdicts, requester, headroom) => {
                    const stats = replay(verdicts);
                    const rate = collisionRate(stats);
                    expect(stats.collisions).toBeLessThanOrEqual(stats.decisions);
                    expect(rate).toBeGreaterThanOrEqual(0);
                    expect(rate).toBeLessThanOrEqual(1);
                    const redundancy = redundancyFor(stats, requester, requester + headroom);
                    expect(redundancy).toBeGreaterThanOrEqual(requester);
                    expect(redundancy).toBeLessThanOrEqual(requester + headroom);
                    expect(redundancy).toBeLessThanOrEqual(Math.max(requester, BASE_REDUNDANCY * (1 + ENTROPY_GAIN)));
                },
            ),
        );
    });

    it('property: a collision never lowers the redundancy, an agreement never raises it', () => {
        fc.assert(
            fc.property(
                fc.array(fc.constantFrom<'agreement' | 'collision'>('agreement', 'collision'), { maxLength: 300 }),
                (verdicts) => {
                    const stats = replay(verdicts);
                    const now = redundancyFor(stats, 1, 100);
                    expect(redundancyFor(updateEntropy(stats, 'collision'), 1, 100)).toBeGreaterThanOrEqual(now);
                    expect(redundancyFor(updateEntropy(stats, 'agreement'), 1, 100)).toBeLessThanOrEqual(now);
                },
            ),
        );
    });
});
