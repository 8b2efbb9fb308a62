// Sending from a wallet over the devnet's toncenter API, and waiting until the wallet has taken the transfer.
import { MessageRelaxed, SendMode } from '@ton/core';
import { TonClient } from '@ton/ton';
import { WorkerWallet } from '../client/wallet';

const SEQNO_WAIT_MS = 20_000;

export async function sendFromWallet(client: TonClient, wallet: WorkerWallet, messages: MessageRelaxed[]): Promise<void> {
    const opened = client.open(wallet.contract);
    const seqno = await opened.getSeqno();
    await opened.sendTransfer({
        seqno,
        secretKey: wallet.keyPair.secretKey,
        messages,
        // The wallet pays its own forward fees, so each message carries exactly the value it names.
        sendMode: SendMode.PAY_GAS_SEPARATELY | SendMode.IGNORE_ERRORS,
    });
    const until = Date.now() + SEQNO_WAIT_MS;
    while ((await opened.getSeqno()) === seqno) {
        if (Date.now() > until) throw new Error(`wallet ${wallet.address} did not take transfer ${seqno} within ${SEQNO_WAIT_MS} ms`);
        await new Promise((r) => setTimeout(r, 200));
    }
}
