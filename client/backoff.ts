// Reconnect delays with "full jitter": each wait is drawn uniformly below an exponentially rising ceiling, so a
// crowd of workers dropped by one service restart comes back spread out instead of in one wave.

export interface BackoffPolicy {
    /** Ceiling of the first wait. */
    baseMs: number;
    /** The ceiling never rises past this. */
    capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 30_000 };

/** A wait drawn from [0, min(cap, base·2^attempt)); `random` returns a number in [0, 1). */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
    // 2^attempt overflows to Infinity long before it matters; min() with the cap keeps the ceiling finite.
    const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
    return Math.floor(random() * ceiling);
}

/** Successive waits of one reconnecting connection. */
export class Backoff {
    private attempt = 0;

    constructor(
        private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
        private readonly random: () => number = Math.random,
    ) {
        if (!(policy.baseMs > 0) || !(policy.capMs >= policy.baseMs)) {
            throw new RangeError(`a backoff needs 0 < baseMs <= capMs, got ${policy.baseMs} and ${policy.capMs}`);
        }
    }

    /** Failures since the last reset. */
    get attempts(): number {
        return this.attempt;
    }

    /** The wait before the next attempt; every call doubles the ceiling until it reaches the cap. */
    next(): number {
        return fullJitterDelay(this.attempt++, this.policy, this.random);
    }

    /** Called once a connection has stayed up long enough to count as healthy. */
    reset(): void {
        this.attempt = 0;
    }
}
