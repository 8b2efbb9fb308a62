// Request limits. HTTP routes name theirs in `config.rateLimit` (@fastify/rate-limit), so a limit belongs to the
// route fastify matched, however the URL was spelt. Counters are kept in Redis when the service has one, so every
// node counts against the same limit, and in this process otherwise. WebSocket frames are not routes: they take
// tokens from a RateLimiter.
import fastifyRateLimit, { RateLimitOptions } from '@fastify/rate-limit';
import { FastifyInstance, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { HttpError } from './errors';

export type RouteRateLimit = RateLimitOptions;

/** Most keys a route's in-process counters remember; the least recently used are forgotten first. */
const LOCAL_KEYS_PER_ROUTE = 100_000;
const REDIS_NAMESPACE = 'gstd:rate-limit:';

/** Registers the limiter; routes registered after it may carry a `config.rateLimit`, routes without one are not limited. */
export async function registerRateLimits(app: FastifyInstance, redis?: Redis): Promise<void> {
    await app.register(fastifyRateLimit, {
        global: false,
        redis,
        nameSpace: REDIS_NAMESPACE,
        // With Redis unreachable a request goes through unlimited rather than refused, so login and work continue
        // through an outage; the connection logs the failure.
        skipOnError: true,
        errorResponseBuilder: (_request, context) =>
            new HttpError(context.statusCode, 'RATE_LIMITED', `too many requests; retry in ${context.after}`),
    });
}

/** At most `max` requests per `windowMs` from one client address (an IPv6 client by its /64). */
export function perClientIp(max: number, windowMs: number): RouteRateLimit {
    return { max, timeWindow: windowMs, cache: LOCAL_KEYS_PER_ROUTE };
}

/**
 * At most `max` requests per `windowMs` per key read from the request, after the route's own onRequest hooks
 * (a session check, for example) have run.
 */
export function perRequestKey(max: number, windowMs: number, keyOf: (request: FastifyRequest) => string): RouteRateLimit {
    return { max, timeWindow: windowMs, cache: LOCAL_KEYS_PER_ROUTE, keyGenerator: keyOf };
}

export interface TokenBucketOptions {
    /** Tokens added per second. */
    perSecond: number;
    /** Bucket size: how many requests may come at once. */
    burst: number;
    /** Most keys remembered; the least recently used are forgotten first, so memory stays bounded. */
    maxKeys?: number;
}

/** Token buckets per key (a wallet): a steady rate with a short burst, in this process. */
export class RateLimiter {
    private readonly buckets = new Map<string, { tokens: number; at: number }>();
    private readonly maxKeys: number;

    constructor(
        private readonly options: TokenBucketOptions,
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
