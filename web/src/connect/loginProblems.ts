// What to tell a user whose login failed, by the service's refusal code (docs/service.md, Auth) or by what the
// wallet answered. Every message says what to do next.
import { ApiError } from '../api/apiClient';

const BY_CODE: Record<string, string> = {
    UNKNOWN_NONCE: 'the login challenge expired or was already used; connect again to get a fresh one',
    STALE_PROOF: 'the login proof is too old (the challenge expired); connect again',
    BAD_DOMAIN: 'the wallet signed the login for another site; open the app at its own address and connect again',
    WALLET_NOT_BASECHAIN: 'only basechain (workchain 0) wallets can log in: the escrow pays nothing else',
    BAD_SIGNATURE: 'the service rejected the login proof: its signature does not verify',
    KEY_MISMATCH: "the service rejected the login proof: the public key is not the wallet's",
    ADDRESS_MISMATCH: "the service rejected the login proof: the wallet's code and data do not make its address",
    BAD_STATE_INIT: 'the service rejected the login proof: this wallet version is not supported (v3r2, v4r2 and v5r1 are)',
    MALFORMED: 'the service rejected the login proof as malformed',
    RATE_LIMITED: 'too many login attempts; wait a minute and connect again',
};

export function loginProblem(err: unknown): string {
    if (err instanceof ApiError) return BY_CODE[err.code] ?? `login failed (${err.code}): ${err.message}`;
    return `login failed: ${(err as Error)?.message ?? String(err)}`;
}

const NETWORK_NAMES: Record<string, string> = { '-239': 'mainnet', '-3': 'testnet' };

export function networkName(chain: string): string {
    return NETWORK_NAMES[chain] ?? `network ${chain}`;
}

/** Only mainnet and testnet are networks a wallet can pick; a local chain with another id accepts either. */
export function wrongNetwork(walletChain: string, serviceNetwork: string | undefined): string | undefined {
    if (!serviceNetwork || !(serviceNetwork in NETWORK_NAMES) || walletChain === serviceNetwork) return undefined;
    return `your wallet is on ${networkName(walletChain)}, but this service runs on ${networkName(serviceNetwork)}: switch the wallet's network and connect again`;
}
