// Whether the wallet can pay for a claim: the service's payout intent asks the wallet to attach 0.05 TON for the
// escrow's gas (CLAIM_ATTACHED_VALUE in backend/src/tasks/taskRules.ts), and the wallet pays its own fees for the
// send on top. A wallet below that earns nothing it can collect, so the worker says so at start.
import { fromNano, toNano } from '@ton/core';

export const CLAIM_ATTACHED = toNano('0.05');
/** A wallet's fees for one external message carrying one internal one, with room to spare. */
export const CLAIM_WALLET_FEES = toNano('0.01');
export const CLAIM_COST = CLAIM_ATTACHED + CLAIM_WALLET_FEES;

/** The warning for a wallet that cannot pay one claim, or undefined when it can. */
export function claimFundsWarning(balance: bigint): string | undefined {
    if (balance >= CLAIM_COST) return undefined;
    return (
        `the wallet holds ${fromNano(balance)} TON, less than the ${fromNano(CLAIM_COST)} TON one claim costs ` +
        `(${fromNano(CLAIM_ATTACHED)} TON attached for the escrow's gas, plus the wallet's fees): fund it, or its rewards cannot be claimed`
    );
}
