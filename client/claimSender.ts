// What the payout claimer needs from the chain: send one message from the worker's wallet, and see what the
// wallet received. A TonClient over toncenter's API provides it in production; the tests use a sandbox.
import { Address, Cell } from '@ton/core';

/** One message from the wallet: the claim comment to the escrow, with value for its gas. */
export interface ClaimTransfer {
    to: Address;
    value: bigint;
    body: Cell;
}

/** An internal message the wallet received. */
export interface WalletCredit {
    from: Address;
    value: bigint;
    /** A bounce: the recipient refused what the wallet sent and returned what was left of it. */
    bounced: boolean;
    lt: bigint;
}

export interface ClaimSender {
    readonly address: Address;
    balance(): Promise<bigint>;
    /** Sends from the wallet; resolves once the wallet has accepted it (its seqno moved on). */
    send(transfer: ClaimTransfer): Promise<void>;
    /** What the wallet recently received from `from`, newest first. */
    creditsFrom(from: Address): Promise<WalletCredit[]>;
}
