import fc from 'fast-check';
import { FORGETTING_FACTOR, forget } from '../../../backend/src/domain/forgetting';
import {
    ACCURACY_WEIGHT,
    accuracyLowerBound,
    initialTrust,
    isEligible,
    LATENCY_WEIGHT,
    latencyScore,
    STABILITY_WEIGHT,
    TrustEvent,
    TrustVector,
    trustScore,
    updateTrust,
} from '../../../backend/src/domain/trust';

const DIGITS = 12;

function replay(events: TrustEvent[], from: TrustVector = initialTrust()): TrustVector {
    return events.reduce(updateTrust, from);
}

const valid = (turnaroundMs: number): TrustEvent => ({ kind: 'valid', turnaroundMs });
const invalid: TrustEvent = { kind: 'invalid' };
const timeout: TrustEvent = { kind: 'timeout' };
const disconnect: TrustEvent = { kind: 'disconnect' };

const eventArb: fc.Arbitrary<TrustEvent> = fc.oneof(
    fc.double({ min: 0, max: 1e9, noNaN: true }).map(valid),
    fc.constant(invalid),
    fc.constant(timeout),
    fc.constant(disconnect),
);

describe('forgetting', () => {
    it('keeps 98% of past evidence above its floor', () => {
        expect(FORGETTING_FACTOR).toBe(0.98);
        expect(forget(2)).toBeCloseTo(1.96, DIGITS);
        expect(forget(2, 1)).toBeCloseTo(1.98, DIGITS);
        expect(forget(1, 1)).toBe(1);
    });
});

describe('trust vector', () => {
    it('worked example: a fresh device starts at 0.1317', () => {
        const fresh = initialTrust();
        expect(fresh).toEqual({ accuracyAlpha: 1, accuracyBeta: 1, latencyEwmaMs: null, stability: 0.5 });
        expect(accuracyLowerBound(fresh)).toBeCloseTo(0.094528654800866, DIGITS);
        expect(latencyScore(fresh)).toBe(0);
        expect(trustScore(fresh)).toBeCloseTo(0.131717192880520, DIGITS);
    });

    it('worked example: valid in 2 s, valid in 4 s, invalid, timeout', () => {
        const afterValid2s = replay([valid(2000)]);
        expect(afterValid2s).toEqual({ accuracyAlpha: 2, accuracyBeta: 1, latencyEwmaMs: 2000, stability: 0.55 });
        expect(accuracyLowerBound(afterValid2s)).toBeCloseTo(0.207654955126488, DIGITS);
        expect(latencyScore(afterValid2s)).toBeCloseTo(0.833333333333333, DIGITS);
        expect(trustScore(afterValid2s)).toBeCloseTo(0.415426306409226, DIGITS);

        const afterValid4s = updateTrust(afterValid2s, valid(4000));
        expect(afterValid4s.accuracyAlpha).toBeCloseTo(2.98, DIGITS);
        expect(afterValid4s.accuracyBeta).toBe(1);
        expect(afterValid4s.latencyEwmaMs).toBeCloseTo(2400, DIGITS);
        expect(afterValid4s.stability).toBeCloseTo(0.595, DIGITS);
        expect(accuracyLowerBound(afterValid4s)).toBeCloseTo(0.298968142070172, DIGITS);
        expect(latencyScore(afterValid4s)).toBeCloseTo(0.806451612903226, DIGITS);
        expect(trustScore(afterValid4s)).toBeCloseTo(0.470243788467909, DIGITS);

        const afterInvalid = updateTrust(afterValid4s, invalid);
        expect(afterInvalid.accuracyAlpha).toBeCloseTo(2.9404, DIGITS);
        expect(afterInvalid.accuracyBeta).toBeCloseTo(2, DIGITS);
        expect(afterInvalid.latencyEwmaMs).toBe(afterValid4s.latencyEwmaMs);
        expect(afterInvalid.stability).toBeCloseTo(0.6355, DIGITS);
        expect(accuracyLowerBound(afterInvalid)).toBeCloseTo(0.226232672121977, DIGITS);
        expect(trustScore(afterInvalid)).toBeCloseTo(0.432677506498993, DIGITS);

        const afterTimeout = updateTrust(afterInvalid, timeout);
        expect(afterTimeout).toEqual({ ...afterInvalid, stability: afterTimeout.stability });
        expect(afterTimeout.stability).toBeCloseTo(0.57195, DIGITS);
        expect(trustScore(afterTimeout)).toBeCloseTo(0.423145006498993, DIGITS);
    });

    it('worked example: consecutive valid results in 1 s reach 0.5 after 3, 0.7 after 9, 0.8 after 18', () => {
        const firstReaching = (threshold: number) => {
            let trust = initialTrust();
            for (let n = 1; ; n++) {
                trust = updateTrust(trust, valid(1000));
                if (trustScore(trust) >= threshold) return n;
            }
        };
        expect([0.3, 0.5, 0.6, 0.7, 0.8, 0.85].map(firstReaching)).toEqual([1, 3, 5, 9, 18, 28]);
        expect(trustScore(replay([valid(1000)]))).toBeCloseTo(0.434365700348620, DIGITS);

        const after50 = replay(Array.from({ length: 50 }, () => valid(1000)));
        expect(after50.accuracyAlpha).toBeCloseTo(1 + 50 * (1 - 0.98 ** 50), 10);
        expect(accuracyLowerBound(after50)).toBeCloseTo(0.850018051214487, DIGITS);
        expect(latencyScore(after50)).toBeCloseTo(1 / 1.1, DIGITS);
        expect(after50.stability).toBeCloseTo(1 - 0.5 * 0.9 ** 50, DIGITS);
        expect(trustScore(after50)).toBeCloseTo(0.886897024860870, DIGITS);
    });

    it('no device can exceed 0.9393: accuracy evidence saturates at α = 51, β = 1', () => {
        const saturated: TrustVector = { accuracyAlpha: 51, accuracyBeta: 1, latencyEwmaMs: 0, stability: 1 };
        expect(accuracyLowerBound(saturated)).toBeCloseTo(0.898792537319756, DIGITS);
        expect(trustScore(saturated)).toBeCloseTo(0.939275522391853, DIGITS);
        const longRun = replay(Array.from({ length: 2000 }, () => valid(0)));
        expect(longRun.accuracyAlpha).toBeCloseTo(51, DIGITS);
        expect(trustScore(longRun)).toBeCloseTo(trustScore(saturated), DIGITS);
    });

    it('a disconnect costs stability like a timeout, and neither touches accuracy or latency', () => {
        const trust = replay([valid(3000), invalid]);
        expect(updateTrust(trust, disconnect)).toEqual(updateTrust(trust, timeout));
        expect(updateTrust(trust, disconnect)).toEqual({ ...trust, stability: 0.9 * trust.stability });
    });

    it('an unjudged delivery counts for stability like any delivery, and touches neither accuracy nor latency', () => {
        const trust = replay([valid(3000), timeout]);
        expect(updateTrust(trust, { kind: 'unjudged' })).toEqual({ ...trust, stability: 0.9 * trust.stability + 0.1 });
    });

    it('only valid results move latency', () => {
        const trust = replay([valid(1000), invalid, timeout, disconnect]);
        expect(trust.latencyEwmaMs).toBe(1000);
        expect(replay([invalid]).latencyEwmaMs).toBeNull();
    });

    it('returns new vectors and leaves the old one as it was', () => {
        const before = Object.freeze(replay([valid(1000)]));
        const snapshot = { ...before };
        for (const event of [valid(5000), invalid, timeout, disconnect]) {
            const after = updateTrust(before, event);
            expect(after).not.toBe(before);
        }
        expect(before).toEqual(snapshot);
    });

    it('refuses a negative or non-finite turnaround', () => {
        for (const bad of [-1, NaN, Infinity]) {
            expect(() => updateTrust(initialTrust(), valid(bad))).toThrow(RangeError);
        }
    });

    it('the score weights add up to 1', () => {
        expect(ACCURACY_WEIGHT + LATENCY_WEIGHT + STABILITY_WEIGHT).toBeCloseTo(1, 15);
    });

    describe('isEligible', () => {
        it('a fresh device (0.1317) may take a task asking 0.1 but not 0.2; after 3 valid results it may take 0.5', () => {
            expect(isEligible(initialTrust(), 0)).toBe(true);
            expect(isEligible(initialTrust(), 0.1)).toBe(true);
            expect(isEligible(initialTrust(), 0.2)).toBe(false);
            const three = replay([valid(1000), valid(1000), valid(1000)]);
            expect(trustScore(three)).toBeCloseTo(0.545493656756108, DIGITS);
            expect(isEligible(three, 0.5)).toBe(true);
            expect(isEligible(three, 0.55)).toBe(false);
        });

        it('a score exactly at the threshold is eligible', () => {
            const trust = replay([valid(2000), invalid]);
            expect(isEligible(trust, trustScore(trust))).toBe(true);
        });

        it('refuses a threshold outside [0, 1]', () => {
            for (const bad of [-0.01, 1.01, NaN]) {
                expect(() => isEligible(initialTrust(), bad)).toThrow(RangeError);
            }
        });
    });

    describe('properties', () => {
        it('every component and the score stay in [0, 1]', () => {
            fc.assert(
                fc.property(fc.array(eventArb, { maxLength: 200 }), (events) => {
                    const trust = replay(events);
                    for (const value of [accuracyLowerBound(trust), latencyScore(trust), trust.stability, trustScore(trust)]) {
                        expect(value).toBeGreaterThanOrEqual(0);
                        expect(value).toBeLessThanOrEqual(1);
                    }
                    expect(trustScore(trust)).toBeLessThan(0.939275522391854);
                    expect(trust.accuracyAlpha).toBeGreaterThanOrEqual(1);
                    expect(trust.accuracyBeta).toBeGreaterThanOrEqual(1);
                    expect(isEligible(trust, trustScore(trust))).toBe(true);
                }),
            );
        });

        it('one more valid result never lowers the accuracy lower bound', () => {
            fc.assert(
                fc.property(fc.array(eventArb, { maxLength: 200 }), (events) => {
                    const trust = replay(events);
                    expect(accuracyLowerBound(updateTrust(trust, valid(1000)))).toBeGreaterThanOrEqual(
                        accuracyLowerBound(trust),
                    );
                    expect(accuracyLowerBound(updateTrust(trust, invalid))).toBeLessThanOrEqual(accuracyLowerBound(trust));
                }),
            );
        });

        it('a history with an extra valid result, or an invalid one turned valid, has no lower accuracy bound', () => {
            fc.assert(
                fc.property(fc.array(eventArb, { maxLength: 120 }), fc.nat(), (events, at) => {
                    const index = events.length === 0 ? 0 : at % (events.length + 1);
                    const base = accuracyLowerBound(replay(events));
                    const withExtra = [...events.slice(0, index), valid(1000), ...events.slice(index)];
                    expect(accuracyLowerBound(replay(withExtra))).toBeGreaterThanOrEqual(base - 1e-12);
                    const turned = events.map((e, i) => (i === index && e.kind === 'invalid' ? valid(1000) : e));
                    expect(accuracyLowerBound(replay(turned))).toBeGreaterThanOrEqual(base - 1e-12);
                }),
            );
        });
    });
});
