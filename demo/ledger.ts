// What the chain says happened: every transaction of an account since a logical time, reduced to the value it
// received, the messages it sent (value and the forward fee still owed on each) and the fees it paid.
import { Address, Transaction } from '@ton/core';
import { TonClient } from '@ton/ton';

export interface Sent {
    to: Address;
    value: bigint;
    /** The part of the forward fee the message still carries; the sender paid it and nobody receives it. */
    forwardFee: bigint;
}

export interface LedgerEntry {
    account: Address;
    lt: bigint;
    from: Address | null;
    received: bigint;
    sent: Sent[];
    /** Storage, compute, action and import fees: value that left circulation in this transaction. */
    totalFees: bigint;
}

// toncenter (and the devnet) lists at most 100 at once, and @ton/ton asks for one more than the limit when paging on
// from a cursor (it drops the cursor's own transaction): 99 keeps every page within bounds.
const PAGE = 99;

/** Transactions of `account` after `afterLt` (exclusive), oldest first. */
export async function transactionsSince(client: TonClient, account: Address, afterLt: bigint): Promise<LedgerEntry[]> {
    const found: Transaction[] = [];
    let cursor: { lt: string; hash: string } | undefined;
    for (;;) {
        const page = await client.getTransactions(account, { limit: PAGE, to_lt: afterLt.toString(), archival: true, ...cursor });
        found.push(...page);
        if (page.length < PAGE) break;
        const last = page[page.length - 1];
        cursor = { lt: last.lt.toString(), hash: last.hash().toString('base64') };
    }
    return found.filter((tx) => tx.lt > afterLt).reverse().map((tx) => entryOf(account, tx));
}

function entryOf(account: Address, tx: Transaction): LedgerEntry {
    const inbound = tx.inMessage?.info;
    const sent: Sent[] = [];
    for (const message of tx.outMessages.values()) {
        if (message.info.type === 'internal') sent.push({ to: message.info.dest, value: message.info.value.coins, forwardFee: message.info.forwardFee });
    }
    return {
        account,
        lt: tx.lt,
        from: inbound?.type === 'internal' ? inbound.src : null,
        received: inbound?.type === 'internal' ? inbound.value.coins : 0n,
        sent,
        totalFees: tx.totalFees.coins,
    };
}

/** Value the transactions took out of circulation: their fees and the forward fees of what they sent. */
export function burned(entries: LedgerEntry[]): bigint {
    return entries.reduce((sum, e) => sum + e.totalFees + e.sent.reduce((s, m) => s + m.forwardFee, 0n), 0n);
}

/** The balance change the transactions explain: received − sent − forward fees − fees. */
export function explainedChange(entries: LedgerEntry[]): bigint {
    return entries.reduce((sum, e) => sum + e.received - e.sent.reduce((s, m) => s + m.value, 0n), 0n) - burned(entries);
}

/** Latest logical time of an account (0 when it has no history): its history in the demo starts after it. */
export async function latestLt(client: TonClient, account: Address): Promise<bigint> {
    const [last] = await client.getTransactions(account, { limit: 1, archival: true });
    return last?.lt ?? 0n;
}
