import { beginCell, Cell, contractAddress } from '@ton/core';
import { WalletContractV3R1, WalletContractV3R2, WalletContractV5Beta } from '@ton/ton';
import { identifyWallet } from '../../../backend/src/auth';
import { newKeyPair, newWallet, stateInitCell, WALLET_VERSIONS } from './proofFixture';

describe('identifyWallet', () => {
    it.each(WALLET_VERSIONS)('reads the public key of a %s wallet', async (version) => {
        const wallet = await newWallet(version);
        const identity = identifyWallet(stateInitCell(wallet.stateInit));
        expect(identity).toMatchObject({ ok: true, version });
        expect(identity.ok && identity.publicKey.equals(wallet.keyPair.publicKey)).toBe(true);
        expect(identity.ok && contractAddress(0, identity.stateInit).equals(wallet.address)).toBe(true);
    });

    it('reads the public key of a v5r1 wallet made for testnet', async () => {
        const wallet = await newWallet('v5r1', -3);
        const identity = identifyWallet(stateInitCell(wallet.stateInit));
        expect(identity.ok && identity.publicKey.equals(wallet.keyPair.publicKey)).toBe(true);
    });

    it.each([
        ['v3r1', WalletContractV3R1],
        ['v5beta', WalletContractV5Beta],
    ])('refuses a %s wallet by its code', async (_name, contract) => {
        const { publicKey } = await newKeyPair();
        const identity = identifyWallet(stateInitCell(contract.create({ workchain: 0, publicKey }).init));
        expect(identity).toMatchObject({ ok: false, reason: expect.stringContaining('unknown wallet code') });
    });

    it('refuses known code whose data does not fit its layout', async () => {
        const { init } = WalletContractV3R2.create({ workchain: 0, publicKey: (await newKeyPair()).publicKey });
        const data = beginCell().storeSlice(init.data.beginParse()).storeBit(0).endCell();
        expect(identifyWallet(stateInitCell({ code: init.code, data }))).toMatchObject({ ok: false, reason: expect.stringContaining('layout') });
    });

    it('refuses a state-init without code or data', () => {
        expect(identifyWallet(stateInitCell({ data: beginCell().endCell() }))).toMatchObject({ ok: false });
        expect(identifyWallet(stateInitCell({ code: beginCell().endCell() }))).toMatchObject({ ok: false });
    });

    it('refuses a cell that is not a StateInit', () => {
        expect(identifyWallet(Cell.EMPTY)).toMatchObject({ ok: false, reason: expect.stringContaining('not a StateInit') });
        expect(identifyWallet(beginCell().storeUint(0, 5).storeUint(7, 8).endCell())).toMatchObject({ ok: false });
    });
});
