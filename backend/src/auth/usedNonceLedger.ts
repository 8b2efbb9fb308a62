// Login nonces used on any node. A node remembers the nonces it accepted itself (HmacNonceIssuer); when several
// nodes share one Redis, this ledger makes a proof accepted on one node unusable on the others too.
import type Redis from 'ioredis';

export interface UsedNonceLedger {
    /** True the first time `payload` is recorded by any node, false ever after (until it is past its expiry). */
    recordFirstUse(payload: string): Promise<boolean>;
}

const KEY_PREFIX = 'gstd:ton-proof-used:';

/** `rememberSeconds` must cover a nonce's whole life: its TTL plus the issuers' clock skew. */
export function redisUsedNonceLedger(redis: Redis, rememberSeconds: number): UsedNonceLedger {
    return {
        async recordFirstUse(payload) {
            // SET NX is atomic: of two nodes recording the same payload, exactly one gets OK.
            return (await redis.set(KEY_PREFIX + payload, '1', 'EX', rememberSeconds, 'NX')) === 'OK';
        },
    };
}
