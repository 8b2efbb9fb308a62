// Why a claim did not go through, in words that say what to do; none of these cases sends or changes anything.
import { UserRejectsError } from '@tonconnect/ui-react';
import { ApiError } from '../api/apiClient';

export type ClaimOutcome = { kind: 'retry'; message: string } | { kind: 'paid'; message: string } | { kind: 'closed'; message: string };

export const PAST_DEADLINE_MESSAGE = "the escrow's deadline has passed (or is too close): it no longer pays this reward";

/** A refusal of POST /payments/payout-intent. */
export function intentRefusal(err: unknown): ClaimOutcome {
    if (err instanceof ApiError) {
        switch (err.code) {
            case 'ALREADY_PAID':
                return { kind: 'paid', message: 'this reward is already paid: the chain shows the claim' };
            case 'TASK_PAST_DEADLINE':
                return { kind: 'closed', message: PAST_DEADLINE_MESSAGE };
            case 'NOT_IN_MAJORITY':
            case 'TASK_NOT_VALIDATED':
            case 'NOT_PAYABLE':
                return { kind: 'closed', message: err.message };
        }
        return { kind: 'retry', message: `the service could not prepare the claim (${err.code}): ${err.message}` };
    }
    return { kind: 'retry', message: `the claim could not be prepared: ${(err as Error)?.message ?? String(err)}` };
}

/** A failure of tonConnectUI.sendTransaction for an intent valid until `validUntil` (unix seconds). */
export function walletRefusal(err: unknown, validUntil: number): ClaimOutcome {
    if (err instanceof UserRejectsError) return { kind: 'retry', message: 'you declined the transaction in your wallet; nothing was sent' };
    if (Date.now() / 1000 >= validUntil) {
        return { kind: 'retry', message: 'the claim expired before it was signed; press Claim reward again for a fresh one' };
    }
    const text = (err as Error)?.message ?? String(err);
    if (/insufficient|not enough|balance/i.test(text)) {
        return { kind: 'retry', message: 'your wallet has too little TON for the claim (it attaches 0.05 TON for gas, returned with the reward); top it up and claim again' };
    }
    return { kind: 'retry', message: `the wallet did not send the claim: ${text}` };
}
