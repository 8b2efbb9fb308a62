// Reading where value went in a sandbox run: fees a transaction burned, messages it sent, account balances.
import { Address, Transaction } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { flattenTransaction } from '@ton/test-utils';

/** A message a transaction sent: destination, value it carries, forwarding fee still owed on it, bounced flag. */
export interface SentMessage {
    to: Address;
    value: bigint;
    forwardFee: bigint;
    bounced: boolean;
}

export function sentMessages(tx: Transaction): SentMessage[] {
    return [...tx.outMessages.values()].flatMap((m) =>
        m.info.type === 'internal'
            ? [{ to: m.info.dest, value: m.info.value.coins, forwardFee: m.info.forwardFee, bounced: m.info.bounced }]
            : [],
    );
}

/** Messages `tx` sent to `to`. */
export function sentTo(tx: Transaction, to: Address): SentMessage[] {
    return sentMessages(tx).filter((m) => m.to.equals(to));
}

/** The one message `tx` sent to `to`; fails the test if there is not exactly one. */
export function onlySentTo(tx: Transaction, to: Address): SentMessage {
    const found = sentTo(tx, to);
    expect(found).toHaveLength(1);
    return found[0];
}

/** Value the inbound internal message brought. */
export function inboundValue(tx: Transaction): bigint {
    const info = tx.inMessage?.info;
    return info?.type === 'internal' ? info.value.coins : 0n;
}

function phases(tx: Transaction) {
    if (tx.description.type !== 'generic') throw new Error(`unexpected ${tx.description.type} transaction`);
    return tx.description;
}

export function storageFees(tx: Transaction): bigint {
    return phases(tx).storagePhase?.storageFeesCollected ?? 0n;
}

export function computeGasFees(tx: Transaction): bigint {
    const compute = phases(tx).computePhase;
    return compute.type === 'vm' ? compute.gasFees : 0n;
}

/** Forwarding fees of every message the transaction sent, in full. */
export function totalForwardFees(tx: Transaction): bigint {
    return phases(tx).actionPhase?.totalFwdFees ?? 0n;
}

/** Value a transaction took out of circulation: its own fees plus the forwarding fees still owed on its messages. */
export function feesBurned(tx: Transaction): bigint {
    return sentMessages(tx).reduce((sum, m) => sum + m.forwardFee, tx.totalFees.coins);
}

/**
 * What a chain of transactions started by `sender` cost the sender: every fee burned along the way, except the
 * storage fees other accounts owed, which they pay from their own balances.
 */
export function costToSender(transactions: Transaction[], sender: Address): bigint {
    return transactions.reduce((sum, tx) => {
        const onSender = flattenTransaction(tx).on?.equals(sender) ?? false;
        return sum + feesBurned(tx) - (onSender ? 0n : storageFees(tx));
    }, 0n);
}

export async function balanceOf(blockchain: Blockchain, address: Address): Promise<bigint> {
    return (await blockchain.getContract(address)).balance;
}

export async function isActive(blockchain: Blockchain, address: Address): Promise<boolean> {
    return (await blockchain.getContract(address)).accountState?.type === 'active';
}
