// Session tokens: what they carry, and the tokens that must not verify even when signed with the real secret.
import { randomBytes } from 'crypto';
import { Address } from '@ton/core';
import { SignJWT } from 'jose';
import { SessionTokens } from '../../../backend/src/auth/sessions';

const SECRET = randomBytes(32);
const NOW = 1_767_225_600;
const WALLET = Address.parseRaw(`0:${'ab'.repeat(32)}`);

function tokens(now = NOW): SessionTokens {
    return new SessionTokens(SECRET, 900, () => now);
}

async function signed(sub: string, secret: Uint8Array = SECRET, exp = NOW + 60): Promise<string> {
    return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('gstd-escrow').setSubject(sub).setIssuedAt(NOW).setExpirationTime(exp).sign(secret);
}

describe('SessionTokens', () => {
    it('round-trips the wallet and expiry', async () => {
        const { token, expiresAt } = await tokens().issue(WALLET);
        const session = await tokens().verify(token);
        expect(session!.wallet.equals(WALLET)).toBe(true);
        expect(session!.expiresAt).toBe(expiresAt);
    });

    it('a token verified once still expires on time', async () => {
        let now = NOW;
        const clocked = new SessionTokens(SECRET, 900, () => now);
        const { token } = await clocked.issue(WALLET);
        expect(await clocked.verify(token)).not.toBeNull();
        now = NOW + 899;
        expect(await clocked.verify(token)).not.toBeNull();
        now = NOW + 900;
        expect(await clocked.verify(token)).toBeNull();
        expect(await clocked.verify(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    });

    it('refuses an expired token, another secret, garbage, and a subject outside the basechain', async () => {
        const { token } = await tokens().issue(WALLET);
        expect(await tokens(NOW + 901).verify(token)).toBeNull();
        expect(await tokens().verify(await signed(WALLET.toRawString(), randomBytes(32)))).toBeNull();
        expect(await tokens().verify('not.a.token')).toBeNull();
        expect(await tokens().verify(await signed('not an address'))).toBeNull();
        expect(await tokens().verify(await signed(`7:${'ab'.repeat(32)}`))).toBeNull();
        expect(await tokens().verify(await signed(`-1:${'ab'.repeat(32)}`))).toBeNull();
        expect(await tokens().verify(await signed(`0:${'ab'.repeat(32)}`))).not.toBeNull();
    });
});
