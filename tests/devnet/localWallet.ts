// A wallet as a user of the devnet has one: a fresh mnemonic, a real wallet contract (v4r2 or v5r1), reached only
// through TonClient over HTTP. Funded by the faucet, deployed by its first transfer.
import { Address, Cell, internal, MessageRelaxed, OpenedContract, SendMode } from '@ton/core';
import { KeyPair, mnemonicNew, mnemonicToPrivateKey } from '@ton/crypto';
import { TonClient, WalletContractV4, WalletContractV5R1 } from '@ton/ton';
import { TonConnectTransaction } from '../../wrappers/tonConnect';

export type WalletVersion = 'v4r2' | 'v5r1';

export interface LocalWallet {
    version: WalletVersion;
    mnemonic: string[];
    keyPair: KeyPair;
    address: Address;
    contract: OpenedContract<WalletContractV4 | WalletContractV5R1>;
    /** The body of an external transfer of `messages` signed for `seqno`, without sending it. */
    signTransfer(seqno: number, messages: MessageRelaxed[]): Cell;
    /** Signs `messages` with the next seqno, sends them and checks the wallet took them. */
    transfer(messages: MessageRelaxed[]): Promise<void>;
    /** Sends a TonConnect request's messages as a wallet app would. */
    sendTonConnect(transaction: TonConnectTransaction): Promise<void>;
}

export async function localWallet(client: TonClient, version: WalletVersion, mnemonic?: string[]): Promise<LocalWallet> {
    const words = mnemonic ?? (await mnemonicNew());
    const keyPair = await mnemonicToPrivateKey(words);
    const wallet =
        version === 'v4r2'
            ? WalletContractV4.create({ workchain: 0, publicKey: keyPair.publicKey })
            : WalletContractV5R1.create({ publicKey: keyPair.publicKey });
    const contract = client.open<WalletContractV4 | WalletContractV5R1>(wallet);

    const sendMode = SendMode.PAY_GAS_SEPARATELY | SendMode.IGNORE_ERRORS;

    function signTransfer(seqno: number, messages: MessageRelaxed[]): Cell {
        const args = { seqno, secretKey: keyPair.secretKey, messages, sendMode };
        return wallet instanceof WalletContractV4 ? wallet.createTransfer(args) : wallet.createTransfer(args);
    }

    async function transfer(messages: MessageRelaxed[]) {
        const seqno = await contract.getSeqno();
        await contract.sendTransfer({ seqno, secretKey: keyPair.secretKey, messages, sendMode });
        // The devnet has run the transfer by the time sendBoc answers; a real network would need polling here.
        const after = await contract.getSeqno();
        if (after !== seqno + 1) throw new Error(`wallet ${wallet.address} did not take transfer ${seqno} (seqno now ${after})`);
    }

    return {
        version,
        mnemonic: words,
        keyPair,
        address: wallet.address,
        contract,
        signTransfer,
        transfer,
        sendTonConnect: (transaction) =>
            transfer(
                transaction.messages.map((m) =>
                    internal({
                        to: Address.parse(m.address),
                        value: BigInt(m.amount),
                        bounce: Address.parseFriendly(m.address).isBounceable,
                        body: m.payload ? Cell.fromBase64(m.payload) : undefined,
                    }),
                ),
            ),
    };
}
