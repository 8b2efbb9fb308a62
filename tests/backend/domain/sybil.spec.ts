// The Sybil rules as plain functions: a wallet's record across devices, who is established, when a spot check
// comes, how it is judged, and how consensus treats a majority of identities without a record.
import {
    accuracyLowerBound,
    decideConsensus,
    DEFAULT_SYBIL_POLICY,
    drawsSpotCheck,
    effectiveTrust,
    initialAccuracy,
    initialTrust,
    isEstablished,
    judgeSpotCheck,
    mergeAccuracy,
    ReceivedResult,
    trustScore,
    TrustVector,
    updateTrust,
} from '../../../backend/src/domain';

const BOUND = DEFAULT_SYBIL_POLICY.establishedAccuracyBound;

function afterValid(n: number, from: TrustVector = initialTrust()): TrustVector {
    let t = from;
    for (let i = 0; i < n; i++) t = updateTrust(t, { kind: 'valid', turnaroundMs: 1000 });
    return t;
}

describe('a wallet record across devices', () => {
    it('no device at all is the prior', () => {
        expect(mergeAccuracy([])).toEqual(initialAccuracy());
    });

    it('sums the evidence above the prior, so a fresh device adds nothing and dilutes nothing', () => {
        const liar = { accuracyAlpha: 1, accuracyBeta: 3.5 };
        expect(mergeAccuracy([liar, initialAccuracy(), initialAccuracy()])).toEqual(liar);
        expect(mergeAccuracy([{ accuracyAlpha: 3, accuracyBeta: 2 }, { accuracyAlpha: 2, accuracyBeta: 1.5 }])).toEqual({
            accuracyAlpha: 4,
            accuracyBeta: 2.5,
        });
    });

    it("a liar's new device scores 0.1119 with the wallet's record after one invalid result, below a fresh 0.1317", () => {
        const wallet = updateTrust(initialTrust(), { kind: 'invalid' });
        expect([wallet.accuracyAlpha, wallet.accuracyBeta]).toEqual([1, 2]);
        expect(accuracyLowerBound(wallet)).toBeCloseTo(0.0615, 4);
        expect(trustScore(wallet)).toBeCloseTo(0.1194, 4);
        expect(trustScore(effectiveTrust(wallet, initialTrust()))).toBeCloseTo(0.1119, 4);
        expect(trustScore(initialTrust())).toBeCloseTo(0.1317, 4);
    });

    it("a device acts with its wallet's accuracy and its own latency and stability", () => {
        const device = { ...initialTrust(), latencyEwmaMs: 1200, stability: 0.7 };
        expect(effectiveTrust({ accuracyAlpha: 1, accuracyBeta: 4 }, device)).toEqual({
            accuracyAlpha: 1,
            accuracyBeta: 4,
            latencyEwmaMs: 1200,
            stability: 0.7,
        });
    });
});

describe('established identities (bound 0.5 on the accuracy lower bound)', () => {
    it('a fresh identity is not established; six consecutive valid results make one (0.4777 after 5, 0.5175 after 6)', () => {
        expect(isEstablished(initialAccuracy(), BOUND)).toBe(false);
        expect(accuracyLowerBound(afterValid(5))).toBeCloseTo(0.4777, 4);
        expect(isEstablished(afterValid(5), BOUND)).toBe(false);
        expect(accuracyLowerBound(afterValid(6))).toBeCloseTo(0.5175, 4);
        expect(isEstablished(afterValid(6), BOUND)).toBe(true);
    });

    it('one invalid result after six valid ones drops the identity below the bound (0.4357)', () => {
        const lapsed = updateTrust(afterValid(6), { kind: 'invalid' });
        expect(accuracyLowerBound(lapsed)).toBeCloseTo(0.4357, 4);
        expect(isEstablished(lapsed, BOUND)).toBe(false);
    });

    it('refuses a bound outside [0, 1)', () => {
        expect(() => isEstablished(initialAccuracy(), 1)).toThrow(RangeError);
        expect(() => isEstablished(initialAccuracy(), -0.1)).toThrow(RangeError);
    });
});

describe('the default minimum trust (0.3)', () => {
    it('is above a fresh identity (0.1317) and below one with a single valid result (0.4344)', () => {
        const min = DEFAULT_SYBIL_POLICY.defaultMinTrustScore;
        expect(trustScore(initialTrust())).toBeLessThan(min);
        expect(trustScore(afterValid(1))).toBeGreaterThan(min);
        expect(trustScore(updateTrust(initialTrust(), { kind: 'invalid' }))).toBeLessThan(min);
    });
});

describe('spot checks', () => {
    it('come only to identities that are not established, when the draw is below the fraction', () => {
        expect(drawsSpotCheck(false, 0.05, 0.049)).toBe(true);
        expect(drawsSpotCheck(false, 0.05, 0.05)).toBe(false);
        expect(drawsSpotCheck(true, 0.05, 0)).toBe(false);
        expect(drawsSpotCheck(false, 0, 0)).toBe(false);
        expect(drawsSpotCheck(false, 1, 0.999)).toBe(true);
        expect(() => drawsSpotCheck(false, 1.5, 0)).toThrow(RangeError);
    });

    it('are judged against the known answer', () => {
        expect(judgeSpotCheck('A', 'A')).toBe('valid');
        expect(judgeSpotCheck('A', 'B')).toBe('invalid');
    });
});

describe('decideConsensus with established identities', () => {
    const rule = { quorum: 3, maxResults: 5 };
    /** `spec` like "A*": hash A from an established identity; "B": hash B from one without a record. */
    function results(...specs: string[]): ReceivedResult[] {
        return specs.map((spec, i) => ({
            deviceId: `d${i + 1}`,
            wallet: `w${i + 1}`,
            resultHash: spec[0],
            turnaroundMs: 1000,
            established: spec.endsWith('*'),
        }));
    }

    it('two fresh identities do not outvote an established one: the task arbitrates', () => {
        expect(decideConsensus(results('A*', 'B', 'B'), rule)).toEqual({
            kind: 'collision',
            reason: 'no_established_in_majority',
            resolution: 'arbitrate',
            received: 3,
            largestGroup: 2,
        });
    });

    it('arbitration by honest identities settles it for the established one', () => {
        expect(decideConsensus(results('A*', 'B', 'B', 'A'), rule)).toMatchObject({ kind: 'collision', reason: 'no_majority' });
        expect(decideConsensus(results('A*', 'B', 'B', 'A', 'A'), rule)).toEqual({
            kind: 'decided',
            canonicalHash: 'A',
            validDeviceIds: ['d1', 'd4', 'd5'],
            invalidDeviceIds: ['d2', 'd3'],
        });
    });

    it('more fresh identities still do not: at the cap the task fails and nobody is paid', () => {
        expect(decideConsensus(results('A*', 'B', 'B', 'B', 'B'), rule)).toMatchObject({
            kind: 'collision',
            reason: 'no_established_in_majority',
            resolution: 'failed',
        });
    });

    it('a majority with one established member decides, even against another established identity', () => {
        expect(decideConsensus(results('A*', 'B*', 'B'), rule)).toMatchObject({ kind: 'decided', canonicalHash: 'B' });
    });

    it("with establishedMajority 'always', a majority without an established identity never decides", () => {
        const always = { ...rule, establishedMajority: 'always' as const };
        expect(decideConsensus(results('A', 'B', 'B'), always)).toMatchObject({
            kind: 'collision',
            reason: 'no_established_in_majority',
            resolution: 'arbitrate',
        });
        expect(decideConsensus(results('B', 'B', 'B', 'B', 'B'), always)).toMatchObject({ kind: 'collision', resolution: 'failed' });
        expect(decideConsensus(results('A', 'B*', 'B'), always)).toMatchObject({ kind: 'decided', canonicalHash: 'B' });
    });

    it("with no established identity at all (a network bootstrapping) and 'when_contested' (the default), the plain majority decides", () => {
        expect(decideConsensus(results('A', 'B', 'B'), rule)).toMatchObject({ kind: 'decided', canonicalHash: 'B' });
        expect(decideConsensus(results('A', 'B', 'B'), rule)).toEqual(
            decideConsensus(
                results('A', 'B', 'B').map(({ established, ...r }) => r),
                rule,
            ),
        );
    });
});
