// Rate limits: the token bucket itself, and the limits on login (per IP) and result submissions (per wallet).
import { RateLimiter } from '../../../backend/src/http/rateLimit';
import { HttpError } from '../../../backend/src/http/errors';
import { serviceFixture } from '../service/serviceFixture';

function refusal(take: () => void): string | undefined {
    try {
        take();
        return undefined;
    } catch (err) {
        return err instanceof HttpError ? `${err.statusCode} ${err.code}` : String(err);
    }
}

describe('RateLimiter', () => {
    it('allows a burst, then the steady rate, per key', () => {
        let now = 0;
        const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
        for (let i = 0; i < 3; i++) expect(refusal(() => limiter.take('a'))).toBeUndefined();
        expect(refusal(() => limiter.take('a'))).toBe('429 RATE_LIMITED');
        expect(refusal(() => limiter.take('b'))).toBeUndefined();
        now = 500;
        expect(refusal(() => limiter.take('a'))).toBeUndefined();
        expect(refusal(() => limiter.take('a'))).toBe('429 RATE_LIMITED');
    });

    it('remembers a bounded number of keys', () => {
        const limiter = new RateLimiter({ perSecond: 1, burst: 1, maxKeys: 2 }, () => 0);
        limiter.take('a');
        limiter.take('b');
        limiter.take('c'); // forgets 'a', the least recently used
        expect(refusal(() => limiter.take('a'))).toBeUndefined();
        expect(refusal(() => limiter.take('c'))).toBe('429 RATE_LIMITED');
    });
});

describe('service rate limits', () => {
    it('limits auth requests per client and result submissions per wallet, with 429 RATE_LIMITED', async () => {
        const f = await serviceFixture({ RATE_LIMIT_AUTH_PER_MINUTE: '6', RATE_LIMIT_RESULTS_PER_SECOND: '1' });
        try {
            // Bursts of a tenth of the per-minute figure: one challenge, then refused.
            expect((await f.api('POST', '/api/v1/auth/challenge')).status).toBe(200);
            const limited = await f.api('POST', '/api/v1/auth/challenge');
            expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);

            const w = await f.worker('w1');
            const submit = () => f.submit(w, '1', { v: 1 });
            // A burst of two (twice the rate) reaches the route, which refuses the unknown task; the third is limited.
            expect((await submit()).status).toBe(404);
            expect((await submit()).status).toBe(404);
            const third = await submit();
            expect([third.status, third.body.error.code]).toEqual([429, 'RATE_LIMITED']);
            // Another wallet has its own bucket.
            expect((await f.submit(await f.worker('w2'), '1', { v: 1 })).status).toBe(404);
        } finally {
            await f.close();
        }
    });
});
