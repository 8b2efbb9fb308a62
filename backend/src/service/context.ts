// What every service operation works with: the store, the chain, the intent key, the clock, and the events
// other parts (the WebSocket hub, metrics) listen to, emitted only after their commit (see afterCommit.ts). Tests
// build one with their own clock and chain.
import { EventEmitter } from 'events';
import { KeyPair } from '@ton/crypto';
import { ChainAdapter } from '../chain/chain';
import { SybilPolicy, TrustVector } from '../domain';
import { Store } from '../store/sql';
import { TaskStatus } from '../tasks/taskStatus';

export interface ServiceEventMap {
    /** A device's trust changed (after the transaction that changed it committed). */
    trust: [deviceId: string, trust: TrustVector];
    /** A task changed status (after commit). */
    task: [taskId: string, status: TaskStatus];
    /** A decision made this device's result valid in a task with an escrow: its wallet can fetch an intent for `amount`. */
    payoutReady: [taskId: string, deviceId: string, amount: bigint];
    /** The chain showed this wallet's claim on the task paid (recorded and committed). */
    paid: [taskId: string, wallet: string, amount: bigint, txHash: string];
    /** A chain-watch round finished (the operator's stats show how long ago). */
    chainWatched: [atMs: number];
}

export class ServiceEvents extends EventEmitter<ServiceEventMap> {}

export interface ServiceContext {
    /** SQLite (embedded) or PostgreSQL (shared by every node); see store/sql.ts. */
    store: Store;
    chain: ChainAdapter;
    signingKey: KeyPair;
    /** Milliseconds since the epoch. */
    nowMs: () => number;
    events: ServiceEvents;
    /** The Sybil rules in force (from the configuration). */
    sybil: SybilPolicy;
    /** Uniform draws in [0, 1) for spot checks; injectable so tests decide them. */
    random: () => number;
}

export function nowSeconds(ctx: Pick<ServiceContext, 'nowMs'>): number {
    return Math.floor(ctx.nowMs() / 1000);
}
