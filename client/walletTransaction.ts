// A TonConnect transaction the service prepared (a task's funding, an escrow's close, a payout claim), sent from a
// wallet held in this process instead of a wallet app: each message becomes one transfer, sent in order.
import { Address, Cell } from '@ton/core';
import { TonConnectTransaction } from '../protocol';
import { ClaimSender, ClaimTransfer } from './claimSender';

export function transfersOf(transaction: TonConnectTransaction): ClaimTransfer[] {
    return transaction.messages.map((message) => ({
        to: Address.parse(message.address),
        value: BigInt(message.amount),
        body: message.payload ? Cell.fromBase64(message.payload) : Cell.EMPTY,
    }));
}

/** Sends every message of `transaction`; resolves once the wallet has accepted the last one. */
export async function sendTransaction(sender: ClaimSender, transaction: TonConnectTransaction, nowSeconds = Math.floor(Date.now() / 1000)): Promise<void> {
    if (transaction.validUntil < nowSeconds) {
        throw new Error(`the transaction was valid until ${transaction.validUntil}; ask the service for a fresh one`);
    }
    for (const transfer of transfersOf(transaction)) await sender.send(transfer);
}
