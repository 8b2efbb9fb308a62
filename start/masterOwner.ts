// Who owns the EscrowMaster that `npm start` has the devnet deploy, so the admin scripts (setFee, setStopped …) can
// be run against it. In order: MASTER_OWNER (an address whose keys you hold elsewhere), the Blueprint wallet in
// WALLET_MNEMONIC and WALLET_VERSION (the wallet `--mnemonic` signs with), or a wallet generated once and kept in
// <data dir>/master-owner.mnemonic (mode 0600), which the banner tells how to use.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Address } from '@ton/core';
import { mnemonicNew, mnemonicToPrivateKey, mnemonicValidate } from '@ton/crypto';
import { WalletContractV3R2, WalletContractV4, WalletContractV5R1 } from '@ton/ton';
import { DEVNET_GLOBAL_ID } from '../devnet/devnetNetwork';

export const OWNER_MNEMONIC_FILE = 'master-owner.mnemonic';
/** Blueprint's names for the wallets it signs with (`v4` is its alias of v4r2). */
const VERSIONS = ['v3r2', 'v4', 'v4r2', 'v5r1'] as const;
type OwnerWalletVersion = (typeof VERSIONS)[number];

export type MasterOwner =
    | { source: 'MASTER_OWNER'; address: Address }
    | { source: 'WALLET_MNEMONIC'; address: Address; version: OwnerWalletVersion }
    | { source: 'generated'; address: Address; version: OwnerWalletVersion; mnemonicFile: string };

export class MasterOwnerError extends Error {}

/** The owner the environment names, or the one kept (or now created) under `dataDir`. */
export async function resolveMasterOwner(env: NodeJS.ProcessEnv, dataDir: string): Promise<MasterOwner> {
    if (env.MASTER_OWNER) return { source: 'MASTER_OWNER', address: basechain(env.MASTER_OWNER) };
    if (env.WALLET_MNEMONIC) {
        const version = versionOf(env.WALLET_VERSION);
        const stray = ['WALLET_ID', 'SUBWALLET_NUMBER', 'WALLET_NETWORK_ID'].filter((name) => env[name]);
        if (stray.length > 0) throw new MasterOwnerError(`${stray.join(', ')} set: give the wallet's address as MASTER_OWNER instead`);
        return { source: 'WALLET_MNEMONIC', address: await walletAddress(env.WALLET_MNEMONIC, version, 'WALLET_MNEMONIC'), version };
    }
    const mnemonicFile = join(dataDir, OWNER_MNEMONIC_FILE);
    if (!existsSync(mnemonicFile)) writeFileSync(mnemonicFile, `${(await mnemonicNew()).join(' ')}\n`, { mode: 0o600, flag: 'wx' });
    const words = readFileSync(mnemonicFile, 'utf8');
    return { source: 'generated', address: await walletAddress(words, 'v4', mnemonicFile), version: 'v4', mnemonicFile };
}

function basechain(text: string): Address {
    let address: Address;
    try {
        address = Address.parse(text);
    } catch {
        throw new MasterOwnerError(`MASTER_OWNER must be a TON address, got "${text}"`);
    }
    // The owner is the treasury too, and the master sends fees to basechain only.
    if (address.workChain !== 0) throw new MasterOwnerError('MASTER_OWNER must be a basechain (workchain 0) address');
    return address;
}

function versionOf(text: string | undefined): OwnerWalletVersion {
    const version = (text ?? '').toLowerCase();
    if (!(VERSIONS as readonly string[]).includes(version)) {
        throw new MasterOwnerError(`WALLET_MNEMONIC is set, so WALLET_VERSION must be one of ${VERSIONS.join(', ')}, got "${text ?? ''}"`);
    }
    return version as OwnerWalletVersion;
}

/** The wallet Blueprint's `--mnemonic` signs with on the devnet (`--custom-type custom`: a v5r1 gets its global id). */
async function walletAddress(text: string, version: OwnerWalletVersion, from: string): Promise<Address> {
    const words = text.trim().split(/\s+/);
    if (words.length !== 24 || !(await mnemonicValidate(words))) throw new MasterOwnerError(`${from} does not hold a valid 24-word TON mnemonic`);
    const { publicKey } = await mnemonicToPrivateKey(words);
    if (version === 'v3r2') return WalletContractV3R2.create({ workchain: 0, publicKey }).address;
    if (version === 'v5r1') return WalletContractV5R1.create({ publicKey, walletId: { networkGlobalId: DEVNET_GLOBAL_ID } }).address;
    return WalletContractV4.create({ workchain: 0, publicKey }).address;
}
