// The in-process @ton/sandbox chain as the service's ChainAdapter: for tests and benches, which drive the chain and
// the service's clock together. The service itself reaches every chain, the local devnet included, over toncenter.
import { Address } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { ChainAdapter } from '../../backend/src/chain/chain';
import { contractChain } from '../../backend/src/chain/contractChain';
import { sandboxGlobalId } from '../../devnet/src/networkConfig';
import { sandboxTransactionsOf } from '../../devnet/src/transactionLog';

export function sandboxChain(blockchain: Blockchain, master: Address): ChainAdapter {
    return contractChain({
        name: 'sandbox',
        globalId: sandboxGlobalId(blockchain),
        master,
        provider: (address) => blockchain.provider(address),
        transactionsOf: async (address) => sandboxTransactionsOf(blockchain, address),
    });
}
