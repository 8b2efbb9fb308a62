// One-time challenges for `ton_proof`: the service issues a payload, a proof may consume it once.

export interface Challenge {
    /** What the wallet signs as `proof.payload`. */
    payload: string;
    /** Unix seconds after which the payload is no longer accepted. */
    expiresAt: number;
}

export interface NonceIssuer {
    issueChallenge(): Challenge;
    /** True if `payload` was issued, has not expired and was not used; it is then used. */
    consume(payload: string): boolean;
}
