// The store a configuration names: PostgreSQL when DATABASE_URL is set (every node of a cluster on one database),
// otherwise the embedded SQLite file under the data directory. With PostgreSQL, background work that costs chain
// requests (the chain watch) runs on one node at a time, the holder of a database lock; SQLite's one node leads.
import { ServiceConfig } from '../config';
import { alwaysLeading, Leadership } from './leadership';
import { LeaderLock } from './postgres/leaderLock';
import { PostgresStore } from './postgres/postgresStore';
import { Store } from './sql';
import { SqliteStore } from './sqliteStore';

/** The advisory lock the chain-watching node holds. */
export const CHAIN_WATCH_LOCK = 'gstd:chain-watch';

export async function storeFromConfig(config: Pick<ServiceConfig, 'databaseUrl' | 'databaseFile' | 'databasePoolSize'>): Promise<Store> {
    if (config.databaseUrl) return PostgresStore.connect(config.databaseUrl, { maxConnections: config.databasePoolSize });
    return SqliteStore.open(config.databaseFile);
}

/** Who watches the chain: the lock holder among the nodes on one PostgreSQL, or the single SQLite node. */
export function chainWatchLeadership(store: Store, databaseUrl: string | undefined, onChange: (leading: boolean) => void): Leadership {
    if (store.dialect === 'sqlite' || !databaseUrl) return alwaysLeading;
    const lock = new LeaderLock(databaseUrl, CHAIN_WATCH_LOCK, { onChange });
    lock.start();
    return lock;
}
