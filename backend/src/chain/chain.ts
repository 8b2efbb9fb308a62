// What the service needs from the chain, behind one interface. The service implements it over a toncenter-style
// HTTP API only (testnet, mainnet, or the local devnet, which serves that API); the tests also implement it over an
// in-process sandbox (tests/helpers/sandboxChain.ts).
import { Address } from '@ton/core';

/** The master's configuration as its `config` getter reports it. */
export interface MasterSnapshot {
    owner: Address;
    treasury: Address;
    backendKey: bigint;
    feeBps: bigint;
    stopped: boolean;
}

/** A funded TaskEscrow as its `state` getter reports it. */
export interface EscrowSnapshot {
    address: Address;
    master: Address;
    taskId: bigint;
    requester: Address;
    treasury: Address;
    backendKey: bigint;
    feeBps: bigint;
    maxResults: bigint;
    deadline: bigint;
    fundingId: bigint;
    budget: bigint;
    slotsUsed: bigint;
    remaining: bigint;
    feesAccrued: bigint;
}

/** A successful claim the escrow processed: it paid `executor` for `amount` (gross). */
export interface ClaimSeen {
    executor: Address;
    amount: bigint;
    /** Logical time and hash (hex) of the escrow's transaction. */
    lt: bigint;
    txHash: string;
}

export interface ChainAdapter {
    /** Network global id that intents are signed for (-239 mainnet and the local devnet, -3 testnet). */
    readonly globalId: number;
    readonly masterAddress: Address;
    masterConfig(): Promise<MasterSnapshot>;
    /** Where the master deploys (or deployed) the escrow of `taskId`. */
    escrowAddress(taskId: bigint): Promise<Address>;
    /** The escrow's state, or null when nothing is deployed there (never funded, or closed and destroyed). */
    escrowState(escrow: Address): Promise<EscrowSnapshot | null>;
    /** Every successful claim the escrow has processed, oldest first, including those before it closed. */
    claimsOf(escrow: Address): Promise<ClaimSeen[]>;
}

/** The chain could not answer: the node or API failed, or its answer made no sense. `cause` holds the original. */
export class ChainError extends Error {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, options);
        this.name = 'ChainError';
    }
}
