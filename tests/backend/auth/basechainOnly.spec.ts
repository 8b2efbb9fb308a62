// The escrow pays only basechain executors, so the service logs in and signs for basechain wallets only: a valid
// proof for another workchain is refused at login, and no intent is signed for such a wallet however it asks.
import { Address } from '@ton/core';
import { SignJWT } from 'jose';
import { ServiceError } from '../../../backend/src/service/serviceError';
import { payoutIntent } from '../../../backend/src/payments/payoutIntent';
import { serviceFixture, ServiceFixture } from '../service/serviceFixture';
import { DOMAIN, newWallet, signProof, TestWallet } from './proofFixture';

describe('basechain wallets only', () => {
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

    async function challenge(): Promise<string> {
        const res = await f.api('POST', '/api/v1/auth/challenge');
        expect(res.status).toBe(200);
        return res.body.payload;
    }

    it('a basechain wallet logs in', async () => {
        const res = await f.api('POST', '/api/v1/auth/verify', undefined, signProof(wallet, { payload: await challenge(), timestamp: f.now() }));
        expect(res.status).toBe(200);
        expect(res.body.address).toBe(wallet.address.toRawString());
    });

    it.each([-1, 7])('a valid proof for a wallet in workchain %i is refused with 400 WALLET_NOT_BASECHAIN', async (workchain) => {
        // The same state-init at the same account id in another workchain, with a proof signed for that address.
        const elsewhere: TestWallet = { ...wallet, address: new Address(workchain, wallet.address.hash) };
        const payload = await challenge();
        const res = await f.api('POST', '/api/v1/auth/verify', undefined, signProof(elsewhere, { payload, timestamp: f.now() }));
        expect([res.status, res.body.error.code]).toEqual([400, 'WALLET_NOT_BASECHAIN']);
        expect(res.body.error.message).toContain(`workchain ${workchain}`);
        // Nothing was consumed: the same challenge still logs the basechain wallet in.
        const ok = await f.api('POST', '/api/v1/auth/verify', undefined, signProof(wallet, { payload, timestamp: f.now() }));
        expect(ok.status).toBe(200);
    });

    it('a session token naming a masterchain wallet is refused, even signed with the service secret', async () => {
        const token = await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer('gstd-escrow')
            .setSubject(new Address(-1, wallet.address.hash).toRawString())
            .setIssuedAt(f.now())
            .setExpirationTime(f.now() + 60)
            .sign(f.secrets.sessionSecret);
        const res = await f.api('GET', '/api/v1/auth/session', token);
        expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('no intent is signed for a non-basechain executor, even one holding a valid result', async () => {
        const task = await f.openTask();
        const ws = [await f.worker('alice'), await f.worker('bob'), await f.worker('carol')];
        for (const w of ws) expect((await f.claim(w, task.task_id)).status).toBe(200);
        for (const w of ws) expect((await f.submit(w, task.task_id, { digest: 'abc' })).status).toBe(200);
        // As if a masterchain wallet had got a session and delivered: its twin's valid result is made its own.
        const alice = ws[0].wallet.address;
        const twin = new Address(-1, alice.hash);
        await f.ctx.store.run('UPDATE results SET wallet = ? WHERE task_id = ? AND wallet = ?', twin.toRawString(), task.task_id, alice.toRawString());

        const refusal = await payoutIntent(f.ctx, task.task_id, twin, twin).catch((err: unknown) => err);
        expect(refusal).toBeInstanceOf(ServiceError);
        expect(refusal).toMatchObject({ kind: 'invalid', code: 'WALLET_NOT_BASECHAIN' });
        expect(await f.ctx.store.one('SELECT COUNT(*) AS n FROM payout_intents WHERE task_id = ?', task.task_id)).toEqual({ n: 0 });
        // A basechain executor of the same task is still paid.
        expect((await f.intent(ws[1], task.task_id)).status).toBe(200);
    });
});
