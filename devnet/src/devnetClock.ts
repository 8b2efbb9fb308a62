// The devnet's chain keeps wall-clock time: wallets sign `valid_until` from the real clock, and escrow deadlines are
// real unix times, so a sandbox clock left where it stood would refuse both.
import { Blockchain } from '@ton/sandbox';

/**
 * Moves the chain's clock to now, in unix seconds, and returns it. Never backwards: the sandbox refuses a
 * transaction dated before an account's last one, which a wall clock stepped back (or a devnet saved on a machine
 * whose clock ran ahead) would otherwise cause.
 */
export function followWallClock(blockchain: Blockchain): number {
    const now = Math.max(Math.floor(Date.now() / 1000), blockchain.now ?? 0);
    blockchain.now = now;
    return now;
}
