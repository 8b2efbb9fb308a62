// The ClaimSender the tests use until a devnet RPC exists: the same wallet contract, signing the same claim, but
// its messages go to the fixture's sandbox instead of a toncenter endpoint.
import { Address, Cell, ContractProvider } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { sandboxTransactionsOf } from '../../../devnet/src/transactionLog';
import { ClaimSender } from '../../../client/claimSender';
import { walletClaimSender } from '../../../client/walletClaimSender';
import { WorkerWallet } from '../../../client/wallet';

export function sandboxClaimSender(blockchain: Blockchain, wallet: WorkerWallet, nowSeconds: () => number): ClaimSender {
    const account = blockchain.provider(wallet.address, wallet.contract.init);
    // The sandbox's provider only queues an external message; sendMessage also runs it and what it causes,
    // as validators would.
    const provider: ContractProvider = {
        getState: () => account.getState(),
        get: (name, args) => account.get(name, args),
        internal: (via, args) => account.internal(via, args),
        open: (contract) => account.open(contract),
        getTransactions: (address, lt, hash, limit) => account.getTransactions(address, lt, hash, limit),
        async external(body: Cell) {
            const deployed = (await account.getState()).state.type === 'active';
            await blockchain.sendMessage({
                info: { type: 'external-in', dest: wallet.address, importFee: 0n },
                init: deployed ? undefined : wallet.contract.init,
                body,
            });
        },
    };
    return walletClaimSender(
        wallet,
        { provider, transactions: async (address: Address, limit: number) => sandboxTransactionsOf(blockchain, address).reverse().slice(0, limit) },
        { pollMs: 10, acceptTimeoutMs: 5_000, nowSeconds },
    );
}
