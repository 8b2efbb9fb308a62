// The local devnet's network global id (config parameter 19), named once for everything that meets the devnet: it
// serves @ton/sandbox's default configuration, which carries mainnet's id. The devnet refuses to start on a chain
// that reports another, so a launcher may derive a v5r1 wallet for it before it runs, and a test may compare.
import { MAINNET_GLOBAL_ID } from '../wrappers/claimConstants';

export const DEVNET_GLOBAL_ID = MAINNET_GLOBAL_ID;
