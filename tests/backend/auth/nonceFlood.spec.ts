// Login nonces over HTTP: a flood of challenges cannot push a pending login out, and a nonce logs in once, while
// young, and only as issued.
import { DEFAULT_NONCE_TTL_SECONDS } from '../../../backend/src/auth';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { DOMAIN, newWallet, signProof, TestWallet } from './proofFixture';

const FLOOD = 10_001;

describe('login nonces', () => {
    let f: ServiceFixture;
    let wallet: TestWallet;

    beforeAll(async () => {
        wallet = await newWallet('v4r2');
    });

    beforeEach(async () => {
        f = await serviceFixture({ TON_PROOF_DOMAINS: DOMAIN });
    });

    afterEach(async () => {
        await f.close();
    });

    async function challenge(ip = '192.0.2.1'): Promise<string> {
        const res = await f.app.inject({ method: 'POST', url: '/api/v1/auth/challenge', remoteAddress: ip });
        expect(res.statusCode).toBe(200);
        return res.json().payload;
    }

    function verify(payload: string) {
        return f.api('POST', '/api/v1/auth/verify', undefined, signProof(wallet, { payload, timestamp: f.now() }));
    }

    it(`a pending challenge still logs in after ${FLOOD} challenges from other clients`, async () => {
        const pending = await challenge();
        for (let i = 0; i < FLOOD; i++) {
            const res = await f.app.inject({ method: 'POST', url: '/api/v1/auth/challenge', remoteAddress: `198.51.${i >> 8}.${i & 255}` });
            if (res.statusCode !== 200) throw new Error(`challenge ${i} answered ${res.statusCode}`);
        }
        const res = await verify(pending);
        expect(res.status).toBe(200);
        expect(res.body.address).toBe(wallet.address.toRawString());
    });

    it('a proof that logged in is refused when replayed', async () => {
        const payload = await challenge();
        expect((await verify(payload)).status).toBe(200);
        const replay = await verify(payload);
        expect([replay.status, replay.body.error.code]).toEqual([401, 'UNKNOWN_NONCE']);
    });

    it('a nonce is refused once it has expired, even with a fresh proof', async () => {
        const payload = await challenge();
        f.advance(DEFAULT_NONCE_TTL_SECONDS);
        const res = await verify(payload);
        expect([res.status, res.body.error.code]).toEqual([401, 'UNKNOWN_NONCE']);
    });

    it('a tampered nonce is refused, though the proof over it is validly signed', async () => {
        const payload = await challenge();
        // Moved forward in time (its first 4 bytes), or with its random part changed: either breaks its tag.
        const later = (f.now() + 60).toString(16).padStart(8, '0') + payload.slice(8);
        const otherRandom = payload.slice(0, 8) + (payload[8] === '0' ? '1' : '0') + payload.slice(9);
        for (const tampered of [later, otherRandom]) {
            const res = await verify(tampered);
            expect([res.status, res.body.error.code]).toEqual([401, 'UNKNOWN_NONCE']);
        }
        expect((await verify(payload)).status).toBe(200);
    });
});
