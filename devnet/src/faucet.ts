// Free coins for local wallets: a sandbox treasury sends what is asked, up to a cap per request. The coins go
// non-bounceable, so they reach a wallet that is not deployed yet and stay there for its first transfer to use.
import { Address, fromNano, toNano } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { inTurn } from './chainTurns';
import { followWallClock } from './devnetClock';

/** The most one request may take: plenty for any devnet task, little enough that a loop cannot drain it soon. */
export const MAX_FAUCET_GRANT = toNano('100');
/** The treasury's seed: the same faucet, at the same address, on every devnet and across restarts. */
const FAUCET_SEED = 'devnet-faucet';
/** What the treasury keeps back for its own gas and forwarding fees. */
const FAUCET_RESERVE = toNano('1');

export interface FaucetGrant {
    /** The recipient's transaction that credited the coins. */
    lt: bigint;
    hash: Buffer;
}

export interface Faucet {
    /** Where the coins come from. */
    readonly address: Address;
    /** Sends `amount` nanotons to `to`; throws FaucetRefusal when the amount is out of bounds or the faucet is dry. */
    fund(to: Address, amount: bigint): Promise<FaucetGrant>;
}

export class FaucetRefusal extends Error {
    constructor(
        readonly reason: 'AMOUNT_OUT_OF_RANGE' | 'FAUCET_DRY',
        message: string,
    ) {
        super(message);
        this.name = 'FaucetRefusal';
    }
}

export async function devnetFaucet(blockchain: Blockchain): Promise<Faucet> {
    // Deploys the treasury on a fresh chain; finds it on a loaded one.
    const treasury = await inTurn(blockchain, () => {
        followWallClock(blockchain);
        return blockchain.treasury(FAUCET_SEED);
    });
    return {
        address: treasury.address,
        fund: async (to, amount) => {
            if (amount <= 0n || amount > MAX_FAUCET_GRANT) {
                throw new FaucetRefusal('AMOUNT_OUT_OF_RANGE', `amount must be 1 to ${MAX_FAUCET_GRANT} nanotons (${fromNano(MAX_FAUCET_GRANT)} TON), got ${amount}`);
            }
            return inTurn(blockchain, async () => {
                if ((await treasury.getBalance()) < amount + FAUCET_RESERVE) {
                    throw new FaucetRefusal('FAUCET_DRY', 'the faucet has run dry; start a fresh devnet');
                }
                followWallClock(blockchain);
                const { transactions } = await treasury.send({ to, value: amount, bounce: false });
                const credited = transactions.find((tx) => {
                    const info = tx.inMessage?.info;
                    return info?.type === 'internal' && info.src.equals(treasury.address) && info.dest.equals(to);
                });
                if (!credited) throw new Error(`the faucet's transfer to ${to} produced no transaction there`);
                return { lt: credited.lt, hash: credited.hash() };
            });
        },
    };
}
