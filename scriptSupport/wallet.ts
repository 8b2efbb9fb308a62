// The sending wallet, checked before a send: it must exist and hold the value it is about to send plus its fees.
import { toNano } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { mnemonicProblem } from './mnemonicCheck';
import { formatAddress, formatTon } from './print';
import { PreflightRefusal } from './scriptError';
import { senderAddress } from './sender';

/**
 * What the wallet pays on top of the value it sends: its own transaction (at most 0.0045 TON in `npm run bench:gas`)
 * and the forwarding of a message without code, with twice that as margin.
 */
export const WALLET_FEES = toNano('0.01');

/**
 * The same for a message that carries the EscrowMaster's code (and the TaskEscrow's inside it) to deploy it: about
 * 0.02 TON of forwarding, with margin.
 */
export const DEPLOY_WALLET_FEES = toNano('0.05');

/**
 * Refuses unless the sending wallet can pay `value` and `fees`. A wallet that has never been funded is most often
 * a mistyped mnemonic or WALLET_VERSION: the message says so, naming a bad word when WALLET_MNEMONIC has one.
 */
export async function requireSpendable(provider: NetworkProvider, value: bigint, fees = WALLET_FEES): Promise<void> {
    const wallet = senderAddress(provider);
    const account = await provider.getContractState(wallet);
    const shown = formatAddress(provider, wallet);
    if (account.state.type === 'frozen') throw new PreflightRefusal(`the sending wallet ${shown} is frozen`);
    if (account.balance === 0n && account.state.type !== 'active') {
        throw new PreflightRefusal(`the sending wallet ${shown} does not exist on this network (no balance)${await walletHint()}`);
    }
    const needed = value + fees;
    if (account.balance < needed) {
        throw new PreflightRefusal(
            `the sending wallet ${shown} holds ${formatTon(account.balance)}, and this needs ${formatTon(needed)} ` +
                `(${formatTon(value)} sent plus up to ${formatTon(fees)} of fees)`,
        );
    }
}

async function walletHint(): Promise<string> {
    const mnemonic = process.env.WALLET_MNEMONIC;
    if (mnemonic === undefined) return ': fund it first, or connect the wallet you meant';
    const problem = await mnemonicProblem(mnemonic);
    if (problem) return `: WALLET_MNEMONIC is mistyped (${problem})`;
    return `: fund it first, or check WALLET_VERSION (now ${process.env.WALLET_VERSION ?? 'unset'}): another version is another address`;
}
