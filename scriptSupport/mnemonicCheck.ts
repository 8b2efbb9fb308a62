// What is wrong with the mnemonic in WALLET_MNEMONIC, if anything. Blueprint's --mnemonic turns any words into a
// key without checking them, so a mistyped word opens another, empty wallet; this names the mistake instead.
import { mnemonicValidate, mnemonicWordList } from '@ton/crypto';

const WORDS = new Set(mnemonicWordList);
const MNEMONIC_LENGTH = 24;

/** Why `text` is not a TON mnemonic, or null when it is one. */
export async function mnemonicProblem(text: string): Promise<string | null> {
    const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
    if (words.length !== MNEMONIC_LENGTH) return `it has ${words.length} words, not ${MNEMONIC_LENGTH}`;
    const unknown = words.findIndex((w) => !WORDS.has(w));
    if (unknown >= 0) return `word ${unknown + 1}, "${words[unknown]}", is not in the TON word list`;
    if (!(await mnemonicValidate(words))) return 'its words are not a valid TON mnemonic (a word is swapped or wrong)';
    return null;
}
