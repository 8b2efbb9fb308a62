// Calls that are safe to repeat (a login, an idempotent submission) are repeated while the service is away,
// with full-jitter waits, and given up after a few attempts; any other error ends them at once.
import { Backoff, BackoffPolicy } from './backoff';
import { ServiceError } from './serviceError';
import { sleep } from './sleep';

export interface RetryPolicy {
    attempts: number;
    backoff: BackoffPolicy;
    /** Told about each transient failure that will be retried. */
    onRetry?: (error: ServiceError, waitMs: number) => void;
    random?: () => number;
}

export async function retryTransient<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
    const backoff = new Backoff(policy.backoff, policy.random);
    for (;;) {
        try {
            return await call();
        } catch (error) {
            if (!(error instanceof ServiceError && error.transient) || backoff.attempts >= policy.attempts - 1) throw error;
            const waitMs = backoff.next();
            policy.onRetry?.(error, waitMs);
            await sleep(waitMs);
        }
    }
}
