// How bench:cluster seeds a running cluster: from this process, straight into the store the nodes share, with the
// service's own functions (bench/service/benchTasks.ts, benchWorkers.ts) given a ServiceContext like a node's: the
// same store, the same devnet master, the same signing key and session secret. Escrow addresses are derived here
// (checked against the master's getter at start), so creating a task costs no round trip to the devnet.
import { Address } from '@ton/core';
import { keyPairFromSeed } from '@ton/crypto';
import { SessionTokens } from '../../backend/src/auth/sessions';
import { tonClientChain } from '../../backend/src/chain/tonClientChain';
import { loadConfig } from '../../backend/src/config';
import { ServiceContext, ServiceEvents } from '../../backend/src/service/context';
import { PostgresStore } from '../../backend/src/store/postgres/postgresStore';
import { Store } from '../../backend/src/store/sql';
import { SqliteStore } from '../../backend/src/store/sqliteStore';
import { ServiceCluster } from '../../tests/helpers/serviceCluster';
import { withDerivedEscrows } from '../service/benchChain';

/** Connections the seeding side holds; it writes alone, one transaction at a time. */
const SEEDING_POOL_SIZE = 2;

export interface SeedingSide {
    ctx: ServiceContext;
    /** Mints sessions every node accepts, as their login route would. */
    tokens: SessionTokens;
    close(): Promise<void>;
}

/** `databaseUrl` as the nodes were given it: PostgreSQL, or '' for the single node's SQLite file. */
export async function seedingSide(cluster: ServiceCluster, databaseUrl: string): Promise<SeedingSide> {
    const config = loadConfig({ GSTD_DATA_DIR: cluster.node(0).dataDir });
    const store: Store = databaseUrl
        ? await PostgresStore.connect(databaseUrl, { maxConnections: SEEDING_POOL_SIZE })
        : SqliteStore.open(config.databaseFile);
    const { devnet } = cluster;
    const chain = tonClientChain({ endpoint: devnet.endpoint, master: Address.parse(devnet.info.master), globalId: devnet.info.global_id });
    const ctx: ServiceContext = {
        store,
        chain: await withDerivedEscrows(chain),
        signingKey: keyPairFromSeed(Buffer.from(cluster.signingSeedHex, 'hex')),
        nowMs: Date.now,
        events: new ServiceEvents(),
        sybil: config.sybil,
        random: Math.random,
    };
    const tokens = new SessionTokens(Buffer.from(cluster.sessionSecretHex, 'hex'), config.sessionTtlSeconds);
    return { ctx, tokens, close: () => store.close() };
}
