// The service as `npm start` builds it with REDIS_URL set (offers go through the Redis Streams queue, as when
// several service processes share one), listening on 127.0.0.1 with a fresh data directory, its background loops
// off and the auth rate limit out of the way of ten thousand logins' worth of connections.
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Blockchain } from '@ton/sandbox';
import { buildService } from '../../backend/src/app';
import { SessionTokens } from '../../backend/src/auth/sessions';
import { deploySandboxMaster } from '../../devnet/src/deploySandboxMaster';
import { sandboxChain } from '../../tests/helpers/sandboxChain';
import { loadConfig } from '../../backend/src/config';
import { DeviceHub } from '../../backend/src/realtime/hub';
import { loadSecrets } from '../../backend/src/secrets';
import { ServiceContext } from '../../backend/src/service/context';

export interface RealtimeService {
    ctx: ServiceContext;
    hub: DeviceHub;
    /** Mints sessions the service accepts, as its login route would. */
    tokens: SessionTokens;
    /** ws://127.0.0.1:<port>/ws */
    wsUrl: string;
    close(): Promise<void>;
}

export async function startRealtimeService(redisUrl: string): Promise<RealtimeService> {
    const dataDir = mkdtempSync(join(tmpdir(), 'gstd-bench-realtime-'));
    try {
        const config = loadConfig({
            GSTD_DATA_DIR: dataDir,
            LOG_LEVEL: 'silent',
            SWEEP_INTERVAL_MS: '0',
            CHAIN_POLL_INTERVAL_MS: '0',
            RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
            REDIS_URL: redisUrl,
        });
        const secrets = loadSecrets(config);
        const blockchain = await Blockchain.create();
        const { master } = await deploySandboxMaster(blockchain, { backendPublicKey: secrets.signingKey.publicKey });
        const { app, ctx, hub } = await buildService({ config, secrets, chain: sandboxChain(blockchain, master) });
        await app.listen({ host: '127.0.0.1', port: 0 });
        const { port } = app.server.address() as AddressInfo;
        return {
            ctx,
            hub,
            tokens: new SessionTokens(secrets.sessionSecret, config.sessionTtlSeconds),
            wsUrl: `ws://127.0.0.1:${port}/ws`,
            async close() {
                await app.close();
                rmSync(dataDir, { recursive: true, force: true });
            },
        };
    } catch (err) {
        rmSync(dataDir, { recursive: true, force: true });
        throw err;
    }
}
