// Which known wallet a state-init deploys, and the public key it is deployed with.
import { Cell, loadStateInit, StateInit } from '@ton/core';
import { WALLET_LAYOUTS, WalletVersion } from './walletCodes';

export type WalletIdentity =
    | { ok: true; version: WalletVersion; publicKey: Buffer; stateInit: StateInit }
    | { ok: false; reason: string };

export function identifyWallet(stateInitCell: Cell): WalletIdentity {
    let stateInit: StateInit;
    try {
        const slice = stateInitCell.beginParse();
        stateInit = loadStateInit(slice);
        slice.endParse();
    } catch {
        return { ok: false, reason: 'state-init cell is not a StateInit' };
    }
    const { code, data } = stateInit;
    if (!code || !data) {
        return { ok: false, reason: 'state-init has no code or no data' };
    }
    const codeHash = code.hash();
    const layout = WALLET_LAYOUTS.find((candidate) => candidate.codeHash.equals(codeHash));
    if (!layout) {
        const known = WALLET_LAYOUTS.map((candidate) => candidate.version).join(', ');
        return { ok: false, reason: `unknown wallet code ${codeHash.toString('hex')}; supported: ${known}` };
    }
    try {
        return { ok: true, version: layout.version, publicKey: layout.readPublicKey(data.beginParse()), stateInit };
    } catch {
        return { ok: false, reason: `wallet ${layout.version} data does not match its layout` };
    }
}
