// Challenges that cost nothing to hold. A payload carries its own issue time and a MAC over it, so issuing stores
// nothing and no flood of challenges can push a pending login out. Only payloads that logged in are remembered,
// until they expire, so a proof cannot log in twice.
//
//   payload = hex( issued_at:uint32 BE ++ random:12 bytes ++ HMAC-SHA256(key, label ++ issued_at ++ random)[0..16] )
//
// 32 bytes, 64 hex digits. The 16-byte tag makes forging a payload as hard as guessing a 128-bit key; the 12 random
// bytes make two payloads issued in the same second differ.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Challenge, NonceIssuer } from './nonceIssuer';

export const DEFAULT_NONCE_TTL_SECONDS = 300;
/** How far ahead of this node's clock a payload's issue time may be: another node's clock may run fast. */
export const MAX_ISSUER_CLOCK_SKEW_SECONDS = 30;

const TIME_BYTES = 4;
const RANDOM_BYTES = 12;
const TAG_BYTES = 16;
const PAYLOAD_HEX = /^[0-9a-f]{64}$/;
// Binds the tag to this use, so the key could never yield a valid tag for anything else.
const LABEL = Buffer.from('gstd-escrow ton_proof nonce v1\0', 'utf8');
const KEY_LABEL = 'gstd-escrow ton_proof nonce key';

/** The nonce key derived from the session secret: nodes that share that secret accept each other's challenges. */
export function nonceKeyFromSecret(secret: Uint8Array): Buffer {
    return createHmac('sha256', secret).update(KEY_LABEL).digest();
}

export interface HmacNonceIssuerOptions {
    /** At least 32 bytes; see nonceKeyFromSecret. */
    key: Uint8Array;
    ttlSeconds?: number;
    /** Current unix time in seconds. */
    now?: () => number;
}

export class HmacNonceIssuer implements NonceIssuer {
    private readonly key: Buffer;
    private readonly ttlSeconds: number;
    private readonly now: () => number;
    // Payloads that logged in, in the order they did, each with the second it expires at.
    private readonly usedUntil = new Map<string, number>();

    constructor(options: HmacNonceIssuerOptions) {
        this.key = Buffer.from(options.key);
        this.ttlSeconds = options.ttlSeconds ?? DEFAULT_NONCE_TTL_SECONDS;
        this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
        if (this.key.length < 32) throw new Error('HmacNonceIssuer needs a key of at least 32 bytes');
        if (!Number.isSafeInteger(this.ttlSeconds) || this.ttlSeconds < 1) throw new Error('HmacNonceIssuer needs an integer ttlSeconds >= 1');
    }

    /** Payloads remembered as used (they have logged in and may not have expired yet). */
    get remembered(): number {
        return this.usedUntil.size;
    }

    issueChallenge(): Challenge {
        const issuedAt = this.now();
        const body = Buffer.alloc(TIME_BYTES + RANDOM_BYTES);
        body.writeUInt32BE(issuedAt);
        randomBytes(RANDOM_BYTES).copy(body, TIME_BYTES);
        return { payload: Buffer.concat([body, this.tag(body)]).toString('hex'), expiresAt: issuedAt + this.ttlSeconds };
    }

    consume(payload: string): boolean {
        const expiresAt = this.expiryOf(payload);
        const now = this.now();
        this.forgetExpired(now);
        if (expiresAt === null || now >= expiresAt || this.usedUntil.has(payload)) return false;
        this.usedUntil.set(payload, expiresAt);
        return true;
    }

    /** The second a payload this issuer made expires at, or null for anything else (tampered, foreign, malformed). */
    private expiryOf(payload: string): number | null {
        if (!PAYLOAD_HEX.test(payload)) return null;
        const bytes = Buffer.from(payload, 'hex');
        const body = bytes.subarray(0, TIME_BYTES + RANDOM_BYTES);
        if (!timingSafeEqual(bytes.subarray(TIME_BYTES + RANDOM_BYTES), this.tag(body))) return null;
        const issuedAt = body.readUInt32BE(0);
        if (issuedAt > this.now() + MAX_ISSUER_CLOCK_SKEW_SECONDS) return null;
        return issuedAt + this.ttlSeconds;
    }

    private tag(body: Buffer): Buffer {
        return createHmac('sha256', this.key).update(LABEL).update(body).digest().subarray(0, TAG_BYTES);
    }

    // Entries are in the order they were used, and each expires at most TTL + skew after its use, so popping expired
    // entries from the front forgets every entry by then and never one that could still be presented.
    private forgetExpired(now: number): void {
        for (const [payload, expiresAt] of this.usedUntil) {
            if (expiresAt > now) return;
            this.usedUntil.delete(payload);
        }
    }
}
