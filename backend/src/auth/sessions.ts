// Short-lived session tokens (JWT, HS256) naming the wallet that proved ownership with ton_proof.
import { Address } from '@ton/core';
import { jwtVerify, SignJWT } from 'jose';
import { isBasechain } from './basechain';

export interface Session {
    /** The wallet, normalised to its raw form. */
    wallet: Address;
    expiresAt: number;
}

const ISSUER = 'gstd-escrow';
/** Verified tokens remembered; the oldest are forgotten first, so memory stays bounded. */
const VERIFIED_CACHE_SIZE = 50_000;

export class SessionTokens {
    // Checking a signature on every request costs more than the request's own work; a token already checked
    // is only checked for expiry. Keyed by the whole token, so a changed byte is a cache miss and a full check.
    private readonly verified = new Map<string, Session>();

    constructor(
        private readonly secret: Uint8Array,
        private readonly ttlSeconds: number,
        private readonly now: () => number = () => Math.floor(Date.now() / 1000),
    ) {}

    async issue(wallet: Address): Promise<{ token: string; expiresAt: number }> {
        const issuedAt = this.now();
        const expiresAt = issuedAt + this.ttlSeconds;
        const token = await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(ISSUER)
            .setSubject(wallet.toRawString())
            .setIssuedAt(issuedAt)
            .setExpirationTime(expiresAt)
            .sign(this.secret);
        return { token, expiresAt };
    }

    /** The session a token carries, or null when it is forged, expired or malformed. */
    async verify(token: string): Promise<Session | null> {
        const known = this.verified.get(token);
        if (known) {
            if (this.now() < known.expiresAt) return known;
            this.verified.delete(token);
            return null;
        }
        const session = await this.verifySignature(token);
        if (session) {
            if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
            this.verified.set(token, session);
        }
        return session;
    }

    private async verifySignature(token: string): Promise<Session | null> {
        try {
            const { payload } = await jwtVerify(token, this.secret, {
                issuer: ISSUER,
                algorithms: ['HS256'],
                currentDate: new Date(this.now() * 1000),
            });
            if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
            const wallet = Address.parseRaw(payload.sub);
            // Login issues tokens to basechain wallets only; any other subject is not one this service issued.
            if (!isBasechain(wallet)) return null;
            return { wallet, expiresAt: payload.exp };
        } catch {
            return null;
        }
    }
}
