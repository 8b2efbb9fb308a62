// Puts a funded TaskEscrow, running today's code, at a fixed address. Shared vectors sign for fixed escrow
// addresses, so they stay valid when the contract's code (and with it every derived address) changes.
import { Address, beginCell, toNano } from '@ton/core';
import { Blockchain, createShardAccount } from '@ton/sandbox';
import { storeEscrowTerms, TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';

export interface PlacedTerms {
    master: Address;
    taskId: bigint;
    requester: Address;
    treasury: Address;
    backendKey: bigint;
    feeBps: bigint;
    maxResults: bigint;
    deadline: bigint;
    fundingId: bigint;
    budget: bigint;
}

export async function placeEscrow(blockchain: Blockchain, at: Address, t: PlacedTerms) {
    const terms = beginCell()
        .store(storeEscrowTerms({ $$type: 'EscrowTerms', ...t }))
        .endCell();
    // A fresh book (contracts/escrow_book.tact): the whole budget left, nothing paid.
    const book = beginCell()
        .storeUint(t.budget, 64)
        .storeUint(0, 64 + 8)
        .storeRef(terms)
        .storeUint(0, 256)
        .storeUint(0, 256)
        .storeBit(false)
        .endCell()
        .beginParse();
    const { init } = await TaskEscrow.fromInit(t.master, t.taskId, book);
    await blockchain.setShardAccount(
        at,
        createShardAccount({ address: at, code: init!.code, data: init!.data, balance: t.budget + toNano('0.05') }),
    );
    return blockchain.openContract(TaskEscrow.fromAddress(at));
}
