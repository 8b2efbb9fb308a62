// The wallet contracts whose state-init a proof may carry, recognised by the hash of their code cell,
// and where each keeps its owner's public key in its persistent data.
import { Slice } from '@ton/core';
import { WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from '@ton/ton';

export type WalletVersion = 'v3r2' | 'v4r2' | 'v5r1';

export interface WalletLayout {
    version: WalletVersion;
    codeHash: Buffer;
    /** Reads the public key from the wallet's data; throws if the data does not fit the layout exactly. */
    readPublicKey(data: Slice): Buffer;
}

// Only the code cell is taken from these contracts; it does not depend on the key.
const THROWAWAY_KEY = Buffer.alloc(32);

function codeHashOf(wallet: { init: { code: { hash(): Buffer } } }): Buffer {
    return wallet.init.code.hash();
}

export const WALLET_LAYOUTS: readonly WalletLayout[] = [
    {
        // seqno:uint32 subwallet:uint32 public_key:bits256
        version: 'v3r2',
        codeHash: codeHashOf(WalletContractV3R2.create({ workchain: 0, publicKey: THROWAWAY_KEY })),
        readPublicKey(data) {
            data.skip(64);
            const key = data.loadBuffer(32);
            data.endParse();
            return key;
        },
    },
    {
        // seqno:uint32 subwallet:uint32 public_key:bits256 plugins:(HashmapE 264 int1)
        version: 'v4r2',
        codeHash: codeHashOf(WalletContractV4.create({ workchain: 0, publicKey: THROWAWAY_KEY })),
        readPublicKey(data) {
            data.skip(64);
            const key = data.loadBuffer(32);
            data.loadMaybeRef();
            data.endParse();
            return key;
        },
    },
    {
        // is_signature_allowed:bit seqno:uint32 wallet_id:int32 public_key:bits256 extensions:(HashmapE 256 int1)
        version: 'v5r1',
        codeHash: codeHashOf(WalletContractV5R1.create({ workchain: 0, publicKey: THROWAWAY_KEY })),
        readPublicKey(data) {
            data.skip(1 + 32 + 32);
            const key = data.loadBuffer(32);
            data.loadMaybeRef();
            data.endParse();
            return key;
        },
    },
];
