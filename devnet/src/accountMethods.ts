// toncenter's account methods over the sandbox: getAddressInformation (what TonClient's getState and
// isContractDeployed read), getAddressBalance, getAddressState and getWalletInformation.
import { Address, Cell } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { currentBlockId } from './devnetBlocks';
import { walletDetails } from './knownWallets';

type AccountStateName = 'active' | 'uninitialized' | 'frozen';

async function accountOf(blockchain: Blockchain, address: Address) {
    const { balance, extracurrency, last, state } = await blockchain.provider(address).getState();
    const stateName: AccountStateName = state.type === 'uninit' ? 'uninitialized' : state.type;
    return {
        balance,
        extraCurrencies: Object.entries(extracurrency ?? {}).map(([id, amount]) => ({
            '@type': 'extraCurrency',
            id: Number(id),
            amount: amount.toString(),
        })),
        stateName,
        code: state.type === 'active' && state.code ? Cell.fromBoc(state.code)[0] : undefined,
        data: state.type === 'active' && state.data ? Cell.fromBoc(state.data)[0] : undefined,
        frozenHash: state.type === 'frozen' ? state.stateHash : undefined,
        lastTransactionId: {
            '@type': 'internal.transactionId',
            lt: (last?.lt ?? 0n).toString(),
            hash: (last?.hash ?? Buffer.alloc(32)).toString('base64'),
        },
    };
}

function bocOf(cell: Cell | undefined): string {
    return cell ? cell.toBoc().toString('base64') : '';
}

export async function addressInformation(blockchain: Blockchain, address: Address) {
    const account = await accountOf(blockchain, address);
    return {
        '@type': 'raw.fullAccountState',
        balance: account.balance.toString(),
        extra_currencies: account.extraCurrencies,
        code: bocOf(account.code),
        data: bocOf(account.data),
        last_transaction_id: account.lastTransactionId,
        block_id: currentBlockId(blockchain),
        frozen_hash: account.frozenHash ? account.frozenHash.toString('base64') : '',
        sync_utime: Math.floor(Date.now() / 1000),
        state: account.stateName,
    };
}

export async function addressBalance(blockchain: Blockchain, address: Address): Promise<string> {
    return (await accountOf(blockchain, address)).balance.toString();
}

export async function addressState(blockchain: Blockchain, address: Address): Promise<AccountStateName> {
    return (await accountOf(blockchain, address)).stateName;
}

/** Whether the account runs a known wallet and, if so, its type, seqno and wallet id; fields absent otherwise. */
export async function walletInformation(blockchain: Blockchain, address: Address) {
    const account = await accountOf(blockchain, address);
    const wallet = account.code && account.data ? walletDetails(account.code, account.data) : undefined;
    return {
        wallet: wallet !== undefined,
        balance: account.balance.toString(),
        account_state: account.stateName,
        ...(wallet && { wallet_type: wallet.walletType, seqno: wallet.seqno, wallet_id: wallet.walletId }),
        last_transaction_id: account.lastTransactionId,
    };
}
