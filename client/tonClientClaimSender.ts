// ClaimSender through @ton/ton's TonClient: any toncenter-compatible v2 JSON-RPC endpoint (testnet, mainnet, or
// the local devnet at http://127.0.0.1:8081/api/v2/jsonRPC).
import { TonClient } from '@ton/ton';
import { ClaimSender } from './claimSender';
import { walletClaimSender, WalletSendTiming } from './walletClaimSender';
import { WorkerWallet } from './wallet';

export interface TonEndpoint {
    /** e.g. https://testnet.toncenter.com/api/v2/jsonRPC */
    endpoint: string;
    apiKey?: string;
}

export function tonClientClaimSender(wallet: WorkerWallet, ton: TonEndpoint, timing: Partial<WalletSendTiming> = {}): ClaimSender {
    const client = new TonClient({ endpoint: ton.endpoint, apiKey: ton.apiKey });
    return walletClaimSender(
        wallet,
        {
            provider: client.provider(wallet.address, wallet.contract.init),
            transactions: (address, limit) => client.getTransactions(address, { limit }),
        },
        timing,
    );
}
