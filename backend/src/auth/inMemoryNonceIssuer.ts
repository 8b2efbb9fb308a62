// Nonces held in this process: right for one node; several nodes need a shared store behind NonceIssuer.
import { randomBytes } from 'node:crypto';
import { Challenge, NonceIssuer } from './nonceIssuer';

export const DEFAULT_NONCE_TTL_SECONDS = 300;
export const DEFAULT_MAX_OUTSTANDING_NONCES = 10_000;
const NONCE_BYTES = 32;

export interface InMemoryNonceIssuerOptions {
    ttlSeconds?: number;
    /** Most unexpired, unused nonces held at once; beyond it the oldest is forgotten. */
    maxOutstanding?: number;
    /** Current unix time in seconds. */
    now?: () => number;
}

export class InMemoryNonceIssuer implements NonceIssuer {
    private readonly ttlSeconds: number;
    private readonly maxOutstanding: number;
    private readonly now: () => number;
    // Insertion order is expiry order (one TTL for all), so the oldest entries are always first.
    private readonly expiresAtByPayload = new Map<string, number>();

    constructor(options: InMemoryNonceIssuerOptions = {}) {
        this.ttlSeconds = options.ttlSeconds ?? DEFAULT_NONCE_TTL_SECONDS;
        this.maxOutstanding = options.maxOutstanding ?? DEFAULT_MAX_OUTSTANDING_NONCES;
        this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
        if (!(this.ttlSeconds > 0) || !Number.isSafeInteger(this.maxOutstanding) || this.maxOutstanding < 1) {
            throw new Error('InMemoryNonceIssuer needs ttlSeconds > 0 and an integer maxOutstanding >= 1');
        }
    }

    /** Nonces currently held (issued, unused, not yet evicted). */
    get outstanding(): number {
        return this.expiresAtByPayload.size;
    }

    issueChallenge(): Challenge {
        const now = this.now();
        this.evictExpired(now);
        // Under a flood of requests the oldest pending login loses its nonce rather than memory growing.
        while (this.expiresAtByPayload.size >= this.maxOutstanding) {
            this.expiresAtByPayload.delete(this.expiresAtByPayload.keys().next().value as string);
        }
        const challenge = { payload: randomBytes(NONCE_BYTES).toString('hex'), expiresAt: now + this.ttlSeconds };
        this.expiresAtByPayload.set(challenge.payload, challenge.expiresAt);
        return challenge;
    }

    consume(payload: string): boolean {
        const expiresAt = this.expiresAtByPayload.get(payload);
        if (expiresAt === undefined) {
            return false;
        }
        this.expiresAtByPayload.delete(payload);
        return this.now() < expiresAt;
    }

    private evictExpired(now: number): void {
        for (const [payload, expiresAt] of this.expiresAtByPayload) {
            if (expiresAt > now) {
                return;
            }
            this.expiresAtByPayload.delete(payload);
        }
    }
}
