import { InMemoryNonceIssuer } from '../../../backend/src/auth';

function clockAt(start: number) {
    const clock = { now: start, read: () => clock.now };
    return clock;
}

describe('InMemoryNonceIssuer', () => {
    it('issues 32 random bytes as hex with an expiry one TTL ahead', () => {
        const clock = clockAt(1000);
        const issuer = new InMemoryNonceIssuer({ ttlSeconds: 120, now: clock.read });
        const first = issuer.issueChallenge();
        const second = issuer.issueChallenge();
        expect(first.payload).toMatch(/^[0-9a-f]{64}$/);
        expect(first.expiresAt).toBe(1120);
        expect(second.payload).not.toBe(first.payload);
    });

    it('a nonce can be consumed once', () => {
        const issuer = new InMemoryNonceIssuer();
        const { payload } = issuer.issueChallenge();
        expect(issuer.consume(payload)).toBe(true);
        expect(issuer.consume(payload)).toBe(false);
    });

    it('a nonce it never issued cannot be consumed', () => {
        const issuer = new InMemoryNonceIssuer();
        issuer.issueChallenge();
        expect(issuer.consume('00'.repeat(32))).toBe(false);
        expect(issuer.consume('')).toBe(false);
    });

    it('a nonce is accepted until its expiry and refused from then on', () => {
        const clock = clockAt(1000);
        const issuer = new InMemoryNonceIssuer({ ttlSeconds: 60, now: clock.read });
        const early = issuer.issueChallenge();
        const late = issuer.issueChallenge();
        clock.now = 1059;
        expect(issuer.consume(early.payload)).toBe(true);
        clock.now = 1060;
        expect(issuer.consume(late.payload)).toBe(false);
        expect(issuer.outstanding).toBe(0);
    });

    it('forgets expired nonces when it issues new ones', () => {
        const clock = clockAt(1000);
        const issuer = new InMemoryNonceIssuer({ ttlSeconds: 60, now: clock.read });
        for (let i = 0; i < 50; i++) issuer.issueChallenge();
        clock.now = 1030;
        const fresh = issuer.issueChallenge();
        expect(issuer.outstanding).toBe(51);
        clock.now = 1060;
        issuer.issueChallenge();
        expect(issuer.outstanding).toBe(2);
        expect(issuer.consume(fresh.payload)).toBe(true);
    });

    it('holds at most maxOutstanding nonces, dropping the oldest', () => {
        const issuer = new InMemoryNonceIssuer({ maxOutstanding: 3 });
        const challenges = Array.from({ length: 5 }, () => issuer.issueChallenge());
        expect(issuer.outstanding).toBe(3);
        expect(challenges.map((challenge) => issuer.consume(challenge.payload))).toEqual([false, false, true, true, true]);
    });

    it('refuses a configuration that cannot hold a nonce', () => {
        expect(() => new InMemoryNonceIssuer({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
        expect(() => new InMemoryNonceIssuer({ maxOutstanding: 0 })).toThrow(/maxOutstanding/);
    });
});
