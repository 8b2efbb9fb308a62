// What a wallet app does with a TonConnect `sendTransaction` request once the user approves it: one signed external
// message to its own wallet contract carrying every requested message, valid until the request's `valid_until`.
import { Address, beginCell, Cell, external, internal, loadStateInit, MessageRelaxed, SendMode, storeMessage } from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { WorkerWallet } from '../../../client/wallet';

/** One message of the request as the SDK hands it to the wallet (payload and stateInit as base64 BOCs). */
export interface RequestedMessage {
    address: string;
    amount: string;
    payload?: string;
    stateInit?: string;
}

/** params[0] of a `sendTransaction` request, parsed: snake_case as the SDK sends it. */
export interface SendTransactionParams {
    valid_until?: number;
    network?: string;
    from?: string;
    messages: RequestedMessage[];
}

// Wallet apps pay the forward fees on top of each amount, and one failing message does not stop the others.
const WALLET_SEND_MODE = SendMode.PAY_GAS_SEPARATELY | SendMode.IGNORE_ERRORS;

export function requestedMessages(params: SendTransactionParams): MessageRelaxed[] {
    return params.messages.map((m) => {
        const to = Address.parseFriendly(m.address);
        return internal({
            to: to.address,
            value: BigInt(m.amount),
            bounce: to.isBounceable,
            body: m.payload ? Cell.fromBase64(m.payload) : undefined,
            init: m.stateInit ? loadStateInit(Cell.fromBase64(m.stateInit).beginParse()) : undefined,
        });
    });
}

/**
 * The external message, ready to send, that makes `wallet` send the request's messages; it carries the wallet's
 * state-init while the wallet is not deployed yet (seqno 0). `validUntil` is the request's, or a minute from `now`.
 */
export function signedExternalTransfer(wallet: WorkerWallet, seqno: number, params: SendTransactionParams, now: number): Cell {
    const args = {
        seqno,
        secretKey: wallet.keyPair.secretKey,
        messages: requestedMessages(params),
        sendMode: WALLET_SEND_MODE,
        timeout: params.valid_until ?? now + 60,
    };
    const body = wallet.contract instanceof WalletContractV4 ? wallet.contract.createTransfer(args) : wallet.contract.createTransfer(args);
    const message = external({ to: wallet.address, init: seqno === 0 ? wallet.contract.init : undefined, body });
    return beginCell().store(storeMessage(message)).endCell();
}
