// Wallet contracts the devnet recognises by their code, for getWalletInformation: the versions @ton/ton deploys,
// with toncenter's names for them and where each keeps its seqno and wallet id.
import { Cell, Slice } from '@ton/core';
import { WalletContractV3R1, WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from '@ton/ton';

export interface WalletDetails {
    walletType: string;
    seqno: number;
    walletId: number;
}

interface KnownWallet {
    walletType: string;
    read(data: Slice): { seqno: number; walletId: number };
}

/** v3 and v4 keep seqno then wallet id at the start of their data. */
const seqnoFirst = (data: Slice) => ({ seqno: data.loadUint(32), walletId: data.loadUint(32) });
/** v5 keeps a signature-allowed flag before them. */
const flagFirst = (data: Slice) => {
    data.skip(1);
    return seqnoFirst(data);
};

// Any public key gives the same code; only the code's hash matters here.
const anyKey = Buffer.alloc(32);
const wallets = new Map<string, KnownWallet>([
    known(WalletContractV3R1.create({ workchain: 0, publicKey: anyKey }).init.code, 'wallet v3 r1', seqnoFirst),
    known(WalletContractV3R2.create({ workchain: 0, publicKey: anyKey }).init.code, 'wallet v3 r2', seqnoFirst),
    known(WalletContractV4.create({ workchain: 0, publicKey: anyKey }).init.code, 'wallet v4 r2', seqnoFirst),
    known(WalletContractV5R1.create({ publicKey: anyKey }).init.code, 'wallet v5 r1', flagFirst),
]);

function known(code: Cell, walletType: string, read: KnownWallet['read']): [string, KnownWallet] {
    return [code.hash().toString('hex'), { walletType, read }];
}

/** The wallet's type, seqno and id when `code` is a wallet the devnet knows; undefined otherwise. */
export function walletDetails(code: Cell, data: Cell): WalletDetails | undefined {
    const wallet = wallets.get(code.hash().toString('hex'));
    if (!wallet) return undefined;
    return { walletType: wallet.walletType, ...wallet.read(data.beginParse()) };
}
