// The requester's wallet from WALLET_MNEMONIC and WALLET_VERSION, the variables Blueprint reads, refused with one
// clear line when either is missing or mistyped: a wrong word must never quietly become another, empty wallet.
import { mnemonicValidate, mnemonicWordList } from '@ton/crypto';
import { mnemonicWords, TonNetwork, walletFromMnemonic, WalletVersion, WorkerWallet } from '../client/wallet';
import { UsageError } from './usage';

const WORDS = new Set(mnemonicWordList);

/** Blueprint's names for the versions the client signs for. */
const VERSIONS: Record<string, WalletVersion> = { v4: 'v4', v4r2: 'v4', v5r1: 'v5r1' };

export function walletVersionOf(env: NodeJS.ProcessEnv): WalletVersion {
    const text = (env.WALLET_VERSION ?? 'v4').trim().toLowerCase();
    const version = VERSIONS[text];
    if (!version) throw new UsageError(`WALLET_VERSION ${JSON.stringify(env.WALLET_VERSION)} is not supported; use v4 or v5r1`);
    return version;
}

export async function walletFromEnv(env: NodeJS.ProcessEnv, network: TonNetwork): Promise<WorkerWallet> {
    const version = walletVersionOf(env);
    const text = env.WALLET_MNEMONIC;
    if (text === undefined || text.trim() === '') throw new UsageError('set WALLET_MNEMONIC to the wallet\'s 24 words (and WALLET_VERSION, v4 by default)');
    const words = mnemonicWords(text);
    if (words.length !== 24) throw new UsageError(`WALLET_MNEMONIC has ${words.length} words, not 24`);
    const unknown = words.findIndex((word) => !WORDS.has(word));
    if (unknown >= 0) throw new UsageError(`WALLET_MNEMONIC word ${unknown + 1}, ${JSON.stringify(words[unknown])}, is not in the TON word list`);
    if (!(await mnemonicValidate(words))) throw new UsageError('WALLET_MNEMONIC is not a valid TON mnemonic (a word is swapped or wrong)');
    return walletFromMnemonic(words, version, network);
}
