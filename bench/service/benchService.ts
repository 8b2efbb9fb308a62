// The service under test, built as `npm start` builds it but listening on 127.0.0.1 with a fresh data directory,
// the background loops off and the rate limits out of the way; beside it, a bare fastify app as the yardstick.
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Blockchain } from '@ton/sandbox';
import fastify, { FastifyInstance } from 'fastify';
import { buildService } from '../../backend/src/app';
import { SessionTokens } from '../../backend/src/auth/sessions';
import { deploySandboxMaster } from '../../devnet/src/deploySandboxMaster';
import { loadConfig } from '../../backend/src/config';
import { loadSecrets } from '../../backend/src/secrets';
import { ServiceContext } from '../../backend/src/service/context';
import { benchChain } from './benchChain';

const HOST = '127.0.0.1';
export const YARDSTICK_PATH = '/ok';

export interface BenchService {
    ctx: ServiceContext;
    /** Mints sessions the service accepts, as its login route would. */
    tokens: SessionTokens;
    /** Base URLs: the service's and the yardstick's. */
    url: string;
    yardstickUrl: string;
    close(): Promise<void>;
}

export async function startBenchService(): Promise<BenchService> {
    const dataDir = mkdtempSync(join(tmpdir(), 'gstd-bench-'));
    const config = loadConfig({
        GSTD_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SWEEP_INTERVAL_MS: '0',
        CHAIN_POLL_INTERVAL_MS: '0',
        RATE_LIMIT_RESULTS_PER_SECOND: '1000000',
        RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    });
    const secrets = loadSecrets(config);
    const blockchain = await Blockchain.create();
    const { master } = await deploySandboxMaster(blockchain, { backendPublicKey: secrets.signingKey.publicKey });
    const { app, ctx } = await buildService({ config, secrets, chain: await benchChain(blockchain, master) });
    const yardstick = fastify();
    yardstick.get(YARDSTICK_PATH, async () => ({ ok: true }));

    const url = await listen(app);
    const yardstickUrl = await listen(yardstick);
    return {
        ctx,
        tokens: new SessionTokens(secrets.sessionSecret, config.sessionTtlSeconds),
        url,
        yardstickUrl,
        async close() {
            await Promise.all([app.close(), yardstick.close()]);
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
}

async function listen(app: FastifyInstance): Promise<string> {
    await app.listen({ host: HOST, port: 0 });
    return `http://${HOST}:${(app.server.address() as AddressInfo).port}`;
}
