// The devnet routes inside the service app itself, as `npm start` without a chain configured would serve them: its
// own routes keep their shape and limits, the devnet's keep toncenter's.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Blockchain } from '@ton/sandbox';
import { FastifyInstance } from 'fastify';
import { buildService } from '../../../backend/src/app';
import { deploySandboxMaster } from '../../../backend/src/chain/deploySandboxMaster';
import { sandboxChain } from '../../../backend/src/chain/sandboxChain';
import { loadConfig } from '../../../backend/src/config';
import { devnetFaucet } from '../../../backend/src/devnet/faucet';
import { devnetRoutes } from '../../../backend/src/devnet/devnetRoutes';
import { loadSecrets } from '../../../backend/src/secrets';

describe('devnet routes in the service app', () => {
    let dir: string;
    let app: FastifyInstance;
    let master: string;

    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'gstd-devnet-service-'));
        const config = loadConfig({ GSTD_DATA_DIR: dir, LOG_LEVEL: 'silent', SWEEP_INTERVAL_MS: '0', CHAIN_POLL_INTERVAL_MS: '0' });
        const secrets = loadSecrets(config);
        const blockchain = await Blockchain.create();
        const deployed = await deploySandboxMaster(blockchain, { backendPublicKey: secrets.signingKey.publicKey });
        master = deployed.master.toString();
        ({ app } = await buildService({ config, secrets, chain: sandboxChain(blockchain, deployed.master) }));
        await app.register(devnetRoutes, { blockchain, faucet: await devnetFaucet(blockchain) });
    });

    afterAll(async () => {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
    });

    const rpc = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v2/jsonRPC', payload: payload as object });

    it('answers toncenter calls beside the service routes', async () => {
        const info = await rpc({ id: '1', jsonrpc: '2.0', method: 'getAddressState', params: { address: master } });
        expect(info.json()).toEqual({ ok: true, result: 'active', jsonrpc: '2.0', id: '1' });
        expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    });

    it('keeps each side its own error shape', async () => {
        const devnetRefusal = await rpc({ method: 'getAddressState', params: { address: 'nope' } });
        expect(devnetRefusal.statusCode).toBe(416);
        expect(devnetRefusal.json()).toMatchObject({ ok: false, code: 416 });

        const faucetRefusal = await app.inject({ method: 'POST', url: '/devnet/faucet', payload: { address: master, amount: 1 } });
        expect(faucetRefusal.statusCode).toBe(400);
        expect(faucetRefusal.json().error.code).toBe('BAD_REQUEST');

        const serviceMiss = await app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
        expect(serviceMiss.statusCode).toBe(404);
        expect(serviceMiss.json().error.code).toBe('NOT_FOUND');
    });

    it('takes BOCs larger than the service allows its own bodies', async () => {
        const big = Buffer.alloc(200 * 1024, 1).toString('base64');
        const answer = await rpc({ method: 'sendBoc', params: { boc: big } });
        // Past the body limit, to the BOC parser, which finds no bag of cells there.
        expect(answer.statusCode).toBe(422);
        expect(answer.json().error).toMatch(/"boc" is not a bag of cells/);
    });
});
