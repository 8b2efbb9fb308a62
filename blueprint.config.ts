import { Config } from '@ton/blueprint';

// Networks come from the command line (--testnet, --mainnet, or --custom <endpoint> for a local chain).
export const config: Config = {};
