// The service's HTTP surface so far: health, metrics, and wallet login with ton_proof into a session token.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FastifyInstance } from 'fastify';
import { Blockchain } from '@ton/sandbox';
import { buildService } from '../../../backend/src/app';
import { ChainAdapter } from '../../../backend/src/chain/chain';
import { deploySandboxMaster } from '../../../devnet/src/deploySandboxMaster';
import { sandboxChain } from '../../helpers/sandboxChain';
import { loadConfig } from '../../../backend/src/config';
import { loadSecrets } from '../../../backend/src/secrets';
import { DOMAIN, newWallet, NOW, signProof, TestWallet } from '../auth/proofFixture';

describe('service app', () => {
    let app: FastifyInstance;
    let now: number;
    let wallet: TestWallet;
    let chain: ChainAdapter;

    beforeAll(async () => {
        wallet = await newWallet('v4r2');
        const blockchain = await Blockchain.create();
        const { master } = await deploySandboxMaster(blockchain, { backendPublicKey: Buffer.alloc(32, 9) });
        chain = sandboxChain(blockchain, master);
    });

    beforeEach(async () => {
        now = NOW;
        const config = loadConfig({ GSTD_DATA_DIR: mkdtempSync(join(tmpdir(), 'gstd-app-')), TON_PROOF_DOMAINS: DOMAIN, LOG_LEVEL: 'silent' });
        ({ app } = await buildService({ config, secrets: loadSecrets(config), chain, nowMs: () => now * 1000 }));
    });

    afterEach(async () => {
        await app.close();
    });

    async function challenge(): Promise<string> {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/challenge' });
        expect(res.statusCode).toBe(200);
        return res.json().payload;
    }

    async function login(body: unknown) {
        return app.inject({ method: 'POST', url: '/api/v1/auth/verify', payload: body as object });
    }

    it('health answers without a session', async () => {
        const res = await app.inject({ method: 'GET', url: '/health' });
        expect(res.json()).toEqual({ status: 'ok' });
    });

    it('metrics count requests by route and status', async () => {
        await app.inject({ method: 'GET', url: '/health' });
        const res = await app.inject({ method: 'GET', url: '/metrics' });
        expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/health",status="200"\} 1/);
    });

    it('challenge is a fresh 32-byte payload each time', async () => {
        const [a, b] = [await challenge(), await challenge()];
        expect(a).toMatch(/^[0-9a-f]{64}$/);
        expect(a).not.toBe(b);
    });

    it('wallet logs in with a proof for its challenge and reads its session', async () => {
        const res = await login(signProof(wallet, { payload: await challenge() }));
        expect(res.statusCode).toBe(200);
        const { token, address, expires_at } = res.json();
        expect(address).toBe(wallet.address.toRawString());
        expect(expires_at).toBe(NOW + 900);

        const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });
        expect(session.json()).toEqual({ address, expires_at });
    });

    it('wallet cannot log in twice with one challenge', async () => {
        const proof = signProof(wallet, { payload: await challenge() });
        expect((await login(proof)).statusCode).toBe(200);
        const again = await login(proof);
        expect(again.statusCode).toBe(401);
        expect(again.json().error.code).toBe('UNKNOWN_NONCE');
    });

    it('wallet cannot log in with a proof for another domain', async () => {
        const res = await login(signProof(wallet, { payload: await challenge(), domain: 'evil.example' }));
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('BAD_DOMAIN');
    });

    it('proof with an unknown field is refused before any check', async () => {
        const proof = { ...signProof(wallet, { payload: await challenge() }), role: 'admin' };
        const res = await login(proof);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('BAD_REQUEST');
    });

    it('session expires after its lifetime', async () => {
        const { token } = (await login(signProof(wallet, { payload: await challenge() }))).json();
        now += 901;
        const res = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('forged session token is refused', async () => {
        const { token } = (await login(signProof(wallet, { payload: await challenge() }))).json();
        const [header, , signature] = token.split('.');
        const forged = `${header}.${Buffer.from(JSON.stringify({ sub: '0:' + '00'.repeat(32), iss: 'gstd-escrow', exp: NOW + 900 })).toString('base64url')}.${signature}`;
        const res = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${forged}` } });
        expect(res.statusCode).toBe(401);
    });

    it('unknown routes answer with a stable error code', async () => {
        const res = await app.inject({ method: 'GET', url: '/nope' });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
    });
});
