// The master's owner needs coins on the devnet to send admin messages: `npm start` tops its wallet up from the
// faucet whenever it holds less than a few sends' worth, so a fresh or a long-used devnet both work at once.
import { Address, fromNano, toNano } from '@ton/core';
import { TonClient } from '@ton/ton';

/** Below this the owner's wallet is topped up. */
export const OWNER_MIN_BALANCE = toNano('5');
/** What one top-up grants. */
export const OWNER_GRANT = toNano('20');

/** Answers the owner's balance after any top-up. */
export async function topUpOwner(devnetUrl: string, endpoint: string, owner: Address): Promise<bigint> {
    const client = new TonClient({ endpoint });
    const balance = await client.getBalance(owner);
    if (balance >= OWNER_MIN_BALANCE) return balance;
    const response = await fetch(`${devnetUrl}/devnet/faucet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Non-bounceable: the wallet is not deployed until its first send.
        body: JSON.stringify({ address: owner.toString({ bounceable: false }), amount_ton: fromNano(OWNER_GRANT) }),
    });
    if (!response.ok) throw new Error(`the devnet faucet refused to fund the master's owner: ${await response.text()}`);
    return client.getBalance(owner);
}
