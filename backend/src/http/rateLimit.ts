// Token buckets per key (a client IP, a wallet): a steady rate with a short burst, answered with 429 beyond it.
import { HttpError } from './errors';

export interface RateLimitOptions {
    /** Tokens added per second. */
    perSecond: number;
    /** Bucket size: how many requests may come at once. */
    burst: number;
    /** Most keys remembered; the least recently used are forgotten first, so memory stays bounded. */
    maxKeys?: number;
}

export class RateLimiter {
    private readonly buckets = new Map<string, { tokens: number; at: number }>();
    private readonly maxKeys: number;

    constructor(
        private readonly options: RateLimitOptions,
        private readonly nowMs: () => number = Date.now,
    ) {
        this.maxKeys = options.maxKeys ?? 100_000;
    }

    /** Takes one token for `key`; throws a 429 HttpError when there is none. */
    take(key: string): void {
        const now = this.nowMs();
        const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
        this.buckets.delete(key);
        bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
        bucket.at = now;
        const allowed = bucket.tokens >= 1;
        if (allowed) bucket.tokens -= 1;
        this.buckets.set(key, bucket);
        if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
        if (!allowed) {
            const waitSeconds = Math.ceil((1 - bucket.tokens) / this.options.perSecond);
            throw new HttpError(429, 'RATE_LIMITED', `too many requests; retry in ${waitSeconds} s`);
        }
    }
}
