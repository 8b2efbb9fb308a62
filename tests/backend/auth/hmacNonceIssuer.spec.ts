// Stateless login nonces: issuing stores nothing, a payload is accepted once while young, and nothing else is.
import { randomBytes } from 'node:crypto';
import { HmacNonceIssuer, MAX_ISSUER_CLOCK_SKEW_SECONDS } from '../../../backend/src/auth';

const KEY = randomBytes(32);

function clockAt(start: number) {
    const clock = { now: start, read: () => clock.now };
    return clock;
}

/** The payload with one hex digit at `index` changed. */
function flipDigit(payload: string, index: number): string {
    const digit = payload[index] === '0' ? '1' : '0';
    return payload.slice(0, index) + digit + payload.slice(index + 1);
}

describe('HmacNonceIssuer', () => {
    it('issues 32 bytes as hex with an expiry one TTL ahead, a different payload each time', () => {
        const issuer = new HmacNonceIssuer({ key: KEY, ttlSeconds: 120, now: () => 1000 });
        const first = issuer.issueChallenge();
        const second = issuer.issueChallenge();
        expect(first.payload).toMatch(/^[0-9a-f]{64}$/);
        expect(first.expiresAt).toBe(1120);
        expect(second.payload).not.toBe(first.payload);
    });

    it('a nonce can be consumed once', () => {
        const issuer = new HmacNonceIssuer({ key: KEY });
        const { payload } = issuer.issueChallenge();
        expect(issuer.consume(payload)).toBe(true);
        expect(issuer.consume(payload)).toBe(false);
    });

    it('issuing holds nothing: a pending nonce survives any number of challenges issued after it', () => {
        const issuer = new HmacNonceIssuer({ key: KEY });
        const pending = issuer.issueChallenge();
        for (let i = 0; i < 20_000; i++) issuer.issueChallenge();
        expect(issuer.remembered).toBe(0);
        expect(issuer.consume(pending.payload)).toBe(true);
    });

    it('a nonce is accepted until its expiry and refused from then on', () => {
        const clock = clockAt(1000);
        const issuer = new HmacNonceIssuer({ key: KEY, ttlSeconds: 60, now: clock.read });
        const early = issuer.issueChallenge();
        const late = issuer.issueChallenge();
        clock.now = 1059;
        expect(issuer.consume(early.payload)).toBe(true);
        clock.now = 1060;
        expect(issuer.consume(late.payload)).toBe(false);
    });

    it('refuses a tampered nonce: any changed digit, in the time, the random part or the tag', () => {
        const issuer = new HmacNonceIssuer({ key: KEY });
        const { payload } = issuer.issueChallenge();
        for (const index of [0, 7, 8, 31, 32, 63]) expect(issuer.consume(flipDigit(payload, index))).toBe(false);
        expect(issuer.consume(payload)).toBe(true);
    });

    it('refuses a nonce moved to a later issue time, which would extend its life', () => {
        const clock = clockAt(1000);
        const issuer = new HmacNonceIssuer({ key: KEY, ttlSeconds: 60, now: clock.read });
        const { payload } = issuer.issueChallenge();
        clock.now = 1060;
        const renewed = (1060).toString(16).padStart(8, '0') + payload.slice(8);
        expect(issuer.consume(renewed)).toBe(false);
    });

    it('refuses a nonce issued under another key, and anything that is not a payload', () => {
        const other = new HmacNonceIssuer({ key: randomBytes(32) });
        const issuer = new HmacNonceIssuer({ key: KEY });
        expect(issuer.consume(other.issueChallenge().payload)).toBe(false);
        const { payload } = issuer.issueChallenge();
        for (const bad of ['', '00'.repeat(32), payload.toUpperCase(), payload + '00', payload.slice(2), `${payload.slice(0, 62)}zz`]) {
            expect(issuer.consume(bad)).toBe(false);
        }
        expect(issuer.consume(payload)).toBe(true);
    });

    it('nodes sharing the key accept each other\'s nonces, from a clock a little ahead but not far ahead', () => {
        const ahead = clockAt(1000 + MAX_ISSUER_CLOCK_SKEW_SECONDS);
        const farAhead = clockAt(1001 + MAX_ISSUER_CLOCK_SKEW_SECONDS);
        const here = new HmacNonceIssuer({ key: KEY, now: () => 1000 });
        expect(here.consume(new HmacNonceIssuer({ key: KEY, now: ahead.read }).issueChallenge().payload)).toBe(true);
        expect(here.consume(new HmacNonceIssuer({ key: KEY, now: farAhead.read }).issueChallenge().payload)).toBe(false);
    });

    it('remembers a used nonce until it expires, then forgets it', () => {
        const clock = clockAt(1000);
        const issuer = new HmacNonceIssuer({ key: KEY, ttlSeconds: 60, now: clock.read });
        const first = issuer.issueChallenge();
        clock.now = 1030;
        const second = issuer.issueChallenge();
        expect(issuer.consume(second.payload)).toBe(true);
        expect(issuer.consume(first.payload)).toBe(true);
        expect(issuer.remembered).toBe(2);
        clock.now = 1089;
        expect(issuer.consume(first.payload)).toBe(false);
        expect(issuer.consume(second.payload)).toBe(false);
        clock.now = 1090;
        expect(issuer.consume(second.payload)).toBe(false);
        expect(issuer.remembered).toBe(0);
    });

    it('refuses a configuration that cannot work', () => {
        expect(() => new HmacNonceIssuer({ key: randomBytes(31) })).toThrow(/32 bytes/);
        expect(() => new HmacNonceIssuer({ key: KEY, ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    });
});
