// The worker's wallet: keys from a 24-word TON mnemonic and the wallet contract (v4 or v5r1) they control.
import { Address } from '@ton/core';
import { KeyPair, mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { WalletContractV4, WalletContractV5R1 } from '@ton/ton';

export const WALLET_VERSIONS = ['v4', 'v5r1'] as const;
export type WalletVersion = (typeof WALLET_VERSIONS)[number];

/** Network ids as TonConnect reports them; v5r1 also mixes its network into its wallet id, hence its address. */
export const NETWORK_GLOBAL_IDS = { mainnet: -239, testnet: -3 } as const;
export type TonNetwork = keyof typeof NETWORK_GLOBAL_IDS;

export interface WorkerWallet {
    version: WalletVersion;
    network: TonNetwork;
    keyPair: KeyPair;
    contract: WalletContractV4 | WalletContractV5R1;
    address: Address;
}

/** Splits a mnemonic as people paste it: any whitespace, any case. */
export function mnemonicWords(text: string): string[] {
    return text.trim().toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

export function walletFromKeys(keyPair: KeyPair, version: WalletVersion, network: TonNetwork): WorkerWallet {
    const contract =
        version === 'v4'
            ? WalletContractV4.create({ workchain: 0, publicKey: keyPair.publicKey })
            : WalletContractV5R1.create({ publicKey: keyPair.publicKey, walletId: { networkGlobalId: NETWORK_GLOBAL_IDS[network] } });
    return { version, network, keyPair, contract, address: contract.address };
}

/** Throws when the words are not a valid TON mnemonic, so a typo never silently becomes another wallet. */
export async function walletFromMnemonic(words: string[], version: WalletVersion, network: TonNetwork): Promise<WorkerWallet> {
    if (words.length !== 24 || !(await mnemonicValidate(words))) {
        throw new Error(`the mnemonic is not a valid 24-word TON mnemonic (got ${words.length} words)`);
    }
    return walletFromKeys(await mnemonicToPrivateKey(words), version, network);
}
