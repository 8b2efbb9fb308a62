// ClaimSender over any ContractProvider: the wallet contract signs and sends through it, and its seqno shows
// when the message was accepted. The first send deploys the wallet from its state-init.
import { Address, ContractProvider, internal, SendMode, Transaction } from '@ton/core';
import { WalletContractV4 } from '@ton/ton';
import { ClaimSender, ClaimTransfer, WalletCredit } from './claimSender';
import { sleep } from './sleep';
import { WorkerWallet } from './wallet';

export interface WalletChain {
    /** The wallet's account, with its state-init, so the first external message deploys it. */
    provider: ContractProvider;
    /** The latest transactions of `address`, newest first. */
    transactions(address: Address, limit: number): Promise<Transaction[]>;
}

export interface WalletSendTiming {
    /** Between seqno reads while waiting for the wallet to accept a message. */
    pollMs: number;
    acceptTimeoutMs: number;
    /** Unix seconds; the signed message is valid for a minute from it. */
    nowSeconds: () => number;
}

export const DEFAULT_WALLET_SEND_TIMING: WalletSendTiming = {
    pollMs: 2_000,
    acceptTimeoutMs: 90_000,
    nowSeconds: () => Math.floor(Date.now() / 1000),
};

/** Kept aside for the wallet's own fees, on top of what a claim attaches. */
const WALLET_FEE_MARGIN = 20_000_000n;
const MESSAGE_TTL_SECONDS = 60;
const CREDITS_LOOKED_AT = 30;

export class InsufficientBalanceError extends Error {
    constructor(balance: bigint, needed: bigint) {
        super(`the wallet holds ${balance} nanotons; a claim needs about ${needed}`);
        this.name = 'InsufficientBalanceError';
    }
}

export function walletClaimSender(wallet: WorkerWallet, chain: WalletChain, timing: Partial<WalletSendTiming> = {}): ClaimSender {
    const { pollMs, acceptTimeoutMs, nowSeconds } = { ...DEFAULT_WALLET_SEND_TIMING, ...timing };
    const { provider } = chain;
    // One message at a time: two sends that read the same seqno would leave one of them rejected by the wallet.
    let previous: Promise<unknown> = Promise.resolve();

    async function sendNow(transfer: ClaimTransfer): Promise<void> {
        const balance = (await provider.getState()).balance;
        if (balance < transfer.value + WALLET_FEE_MARGIN) throw new InsufficientBalanceError(balance, transfer.value + WALLET_FEE_MARGIN);
        const seqno = await wallet.contract.getSeqno(provider);
        const args = {
            seqno,
            secretKey: wallet.keyPair.secretKey,
            messages: [internal({ to: transfer.to, value: transfer.value, bounce: true, body: transfer.body })],
            // Fees apart from the value; a failing action must not make the wallet replay the message.
            sendMode: SendMode.PAY_GAS_SEPARATELY | SendMode.IGNORE_ERRORS,
            timeout: nowSeconds() + MESSAGE_TTL_SECONDS,
        };
        if (wallet.contract instanceof WalletContractV4) await wallet.contract.sendTransfer(provider, args);
        else await wallet.contract.sendTransfer(provider, args);
        const giveUpAt = Date.now() + acceptTimeoutMs;
        while ((await wallet.contract.getSeqno(provider)) <= seqno) {
            if (Date.now() > giveUpAt) throw new Error(`the wallet did not accept the claim within ${acceptTimeoutMs} ms`);
            await sleep(pollMs);
        }
    }

    return {
        address: wallet.address,
        async balance() {
            return (await provider.getState()).balance;
        },
        send(transfer) {
            const sent = previous.then(() => sendNow(transfer));
            previous = sent.catch(() => undefined);
            return sent;
        },
        async creditsFrom(from) {
            const credits: WalletCredit[] = [];
            for (const tx of await chain.transactions(wallet.address, CREDITS_LOOKED_AT)) {
                const info = tx.inMessage?.info;
                if (info?.type === 'internal' && info.src.equals(from)) {
                    credits.push({ from, value: info.value.coins, bounced: info.bounced, lt: tx.lt });
                }
            }
            return credits.sort((a, b) => (a.lt > b.lt ? -1 : a.lt < b.lt ? 1 : 0));
        },
    };
}
