// The Sybil settings: documented defaults, every variable read, and bad values reported by name.
import { ConfigError, loadConfig } from '../../../backend/src/config';
import { DEFAULT_SYBIL_POLICY } from '../../../backend/src/domain';

describe('Sybil configuration', () => {
    it('defaults to bound 0.5, majorities checked when contested, minimum trust 0.3 and 5% spot checks', () => {
        expect(loadConfig({}).sybil).toEqual({
            establishedAccuracyBound: 0.5,
            establishedMajority: 'when_contested',
            defaultMinTrustScore: 0.3,
            spotCheckFraction: 0.05,
        });
        expect(loadConfig({}).sybil).toEqual(DEFAULT_SYBIL_POLICY);
        expect(loadConfig({}).spotChecksFile).toBeUndefined();
    });

    it('reads every variable', () => {
        const config = loadConfig({
            ESTABLISHED_ACCURACY_BOUND: '0.6',
            ESTABLISHED_MAJORITY: 'always',
            DEFAULT_MIN_TRUST_SCORE: '0',
            SPOT_CHECK_FRACTION: '1',
            SPOT_CHECKS_FILE: '/etc/gstd/spot-checks.json',
        });
        expect(config.sybil).toEqual({
            establishedAccuracyBound: 0.6,
            establishedMajority: 'always',
            defaultMinTrustScore: 0,
            spotCheckFraction: 1,
        });
        expect(config.spotChecksFile).toBe('/etc/gstd/spot-checks.json');
    });

    it('reports bad values by name: a bound of 1, a mode it does not know, fractions outside [0, 1]', () => {
        try {
            loadConfig({ ESTABLISHED_ACCURACY_BOUND: '1', ESTABLISHED_MAJORITY: 'never', DEFAULT_MIN_TRUST_SCORE: '1.5', SPOT_CHECK_FRACTION: '-0.1' });
            throw new Error('expected a ConfigError');
        } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
            const problems = (err as ConfigError).problems.join('\n');
            for (const name of ['ESTABLISHED_ACCURACY_BOUND', 'ESTABLISHED_MAJORITY', 'DEFAULT_MIN_TRUST_SCORE', 'SPOT_CHECK_FRACTION']) {
                expect(problems).toContain(name);
            }
        }
    });
});
