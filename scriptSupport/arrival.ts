// Waiting for a message to be processed by the contract it was sent to, by polling that contract's
// transactions. A wallet's own confirmation says only that the message left; this says what it did.
import { Address, ContractState, Transaction } from '@ton/core';
import { NetworkProvider, sleep } from '@ton/blueprint';
import { ScriptError } from './scriptError';
import { senderAddress } from './sender';

/**
 * What became of a message: the transaction that processed it, or `gone` when the contract no longer exists
 * and the API keeps no history for it. A contract vanishes only by destroying itself (an escrow on close or
 * on the claim that leaves nothing to pay), so `gone` means the message was processed and accepted.
 */
export type Arrival = { kind: 'processed'; transaction: Transaction } | { kind: 'gone' };

export interface PollOptions {
    attempts?: number;
    intervalMs?: number;
}

const TRANSACTIONS_PER_PAGE = 20;

/** First transaction on `at`, after `before`, processing a message from `from`; polls until it appears. */
export async function awaitArrival(
    provider: NetworkProvider,
    at: Address,
    from: Address,
    before: ContractState,
    { attempts = 30, intervalMs = 2000 }: PollOptions = {},
): Promise<Arrival> {
    const afterLt = before.last?.lt ?? 0n;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        if (attempt > 1) await sleep(intervalMs);
        const now = await provider.getContractState(at);
        if (now.last && now.last.lt > afterLt) {
            const recent = await provider
                .provider(at)
                .getTransactions(at, now.last.lt, now.last.hash, TRANSACTIONS_PER_PAGE);
            const ours = recent
                .filter((tx) => tx.lt > afterLt && sentBy(tx, from))
                .sort((a, b) => (a.lt < b.lt ? -1 : 1));
            if (ours.length > 0) return { kind: 'processed', transaction: ours[0] };
        } else if (before.state.type === 'active' && now.state.type !== 'active' && !now.last?.lt) {
            return { kind: 'gone' };
        }
    }
    throw new ScriptError(
        `no transaction processing a message from ${from} appeared on ${at} after ${attempts} attempts; ` +
            'look the address up in an explorer',
    );
}

/** Sends with `send` and waits until `to` has processed the message from the provider's wallet. */
export async function sendAndAwait(
    provider: NetworkProvider,
    to: Address,
    send: () => Promise<unknown>,
): Promise<Arrival> {
    const from = senderAddress(provider);
    const before = await provider.getContractState(to);
    await send();
    return awaitArrival(provider, to, from, before);
}

function sentBy(tx: Transaction, from: Address): boolean {
    const info = tx.inMessage?.info;
    return info?.type === 'internal' && info.src.equals(from);
}
