// Full-jitter backoff: every wait lies in [0, min(cap, base·2^attempt)), the waits spread over that whole range,
// the ceiling stops at the cap, and a reset starts again from the base.
import { Backoff, fullJitterDelay } from '../../client/backoff';

const POLICY = { baseMs: 100, capMs: 5_000 };

function ceilingOf(attempt: number): number {
    return Math.min(POLICY.capMs, POLICY.baseMs * 2 ** attempt);
}

describe('full-jitter backoff', () => {
    it('stays within [0, min(cap, base·2^attempt)) for the lowest and highest draws', () => {
        for (let attempt = 0; attempt < 80; attempt++) {
            expect(fullJitterDelay(attempt, POLICY, () => 0)).toBe(0);
            const highest = fullJitterDelay(attempt, POLICY, () => 1 - Number.EPSILON);
            expect(highest).toBeLessThan(ceilingOf(attempt));
            expect(highest).toBeGreaterThanOrEqual(ceilingOf(attempt) - 1);
        }
    });

    it('draws uniformly over the whole range, not around a fixed delay', () => {
        const draws = Array.from({ length: 4_000 }, () => fullJitterDelay(3, POLICY));
        const ceiling = ceilingOf(3);
        expect(Math.min(...draws)).toBeLessThan(ceiling * 0.05);
        expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.95);
        const mean = draws.reduce((sum, d) => sum + d, 0) / draws.length;
        expect(mean).toBeGreaterThan(ceiling * 0.45);
        expect(mean).toBeLessThan(ceiling * 0.55);
        const quarters = [0, 0, 0, 0];
        for (const d of draws) quarters[Math.floor((d / ceiling) * 4)]++;
        for (const count of quarters) expect(count).toBeGreaterThan(draws.length * 0.2);
    });

    it('doubles the ceiling per failure up to the cap', () => {
        const backoff = new Backoff(POLICY, () => 1 - Number.EPSILON);
        const waits = Array.from({ length: 10 }, () => backoff.next());
        expect(waits).toEqual([99, 199, 399, 799, 1599, 3199, 4999, 4999, 4999, 4999]);
        expect(backoff.attempts).toBe(10);
    });

    it('starts again from the base after a reset', () => {
        const backoff = new Backoff(POLICY, () => 1 - Number.EPSILON);
        for (let i = 0; i < 6; i++) backoff.next();
        backoff.reset();
        expect(backoff.attempts).toBe(0);
        expect(backoff.next()).toBe(99);
    });

    it('refuses a policy whose cap is below its base', () => {
        expect(() => new Backoff({ baseMs: 100, capMs: 50 })).toThrow(RangeError);
        expect(() => new Backoff({ baseMs: 0, capMs: 50 })).toThrow(RangeError);
    });
});
