// Real wallets and real proofs for the auth tests: generated keys, @ton/ton wallet contracts, ed25519 signatures.
import { Address, beginCell, Cell, StateInit, storeStateInit } from '@ton/core';
import { getSecureRandomBytes, KeyPair, keyPairFromSeed } from '@ton/crypto';
import { WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from '@ton/ton';
import { buildTonProofMessage, tonProofSignedDigest, TonNetwork, TonProofInput, WalletVersion } from '../../../backend/src/auth';
import { signEd25519 as signWithSecretKey } from '../../../wrappers/ed25519';

export const WALLET_VERSIONS: readonly WalletVersion[] = ['v3r2', 'v4r2', 'v5r1'];
export const DOMAIN = 'gstd.example';
export const NOW = 1_760_000_000;

export interface TestWallet {
    version: WalletVersion;
    keyPair: KeyPair;
    address: Address;
    stateInit: StateInit;
}

/** Ed25519 signature by a @ton/crypto key pair, signed through Node's OpenSSL (see wrappers/ed25519.ts). */
export function signEd25519(message: Buffer, keyPair: KeyPair): Buffer {
    return signWithSecretKey(message, keyPair.secretKey);
}

export async function newKeyPair(): Promise<KeyPair> {
    return keyPairFromSeed(await getSecureRandomBytes(32));
}

export async function newWallet(version: WalletVersion, network: TonNetwork = -239): Promise<TestWallet> {
    const keyPair = await newKeyPair();
    const publicKey = keyPair.publicKey;
    const contract =
        version === 'v3r2'
            ? WalletContractV3R2.create({ workchain: 0, publicKey })
            : version === 'v4r2'
              ? WalletContractV4.create({ workchain: 0, publicKey })
              : WalletContractV5R1.create({ publicKey, walletId: { networkGlobalId: network } });
    return { version, keyPair, address: contract.address, stateInit: contract.init };
}

export function stateInitCell(stateInit: StateInit): Cell {
    return beginCell().store(storeStateInit(stateInit)).endCell();
}

function stateInitBase64(stateInit: StateInit): string {
    return cellBase64(stateInitCell(stateInit));
}

export function cellBase64(cell: Cell): string {
    return cell.toBoc().toString('base64');
}

export interface ProofOptions {
    payload: string;
    domain?: string;
    timestamp?: number;
    network?: TonNetwork;
    /** Signs with this key instead of the wallet's own. */
    signer?: KeyPair;
}

/** A proof exactly as a wallet would produce it for `wallet`, signed by its key unless `signer` says otherwise. */
export function signProof(wallet: TestWallet, options: ProofOptions): TonProofInput {
    const domain = options.domain ?? DOMAIN;
    const timestamp = options.timestamp ?? NOW;
    const message = buildTonProofMessage({ address: wallet.address, domain, timestamp, payload: options.payload });
    const signature = signEd25519(tonProofSignedDigest(message), options.signer ?? wallet.keyPair);
    return {
        address: wallet.address.toRawString(),
        network: options.network ?? -239,
        publicKey: wallet.keyPair.publicKey.toString('hex'),
        proof: {
            timestamp,
            domain: { lengthBytes: Buffer.byteLength(domain), value: domain },
            payload: options.payload,
            signature: signature.toString('base64'),
            stateInit: stateInitBase64(wallet.stateInit),
        },
    };
}
