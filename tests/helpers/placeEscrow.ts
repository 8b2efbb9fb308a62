// Puts a funded TaskEscrow, running today's code, at a fixed address. Shared vectors sign for fixed escrow
// addresses, so they stay valid when the contract's code (and with it every derived address) changes.
import { Address, beginCell } from '@ton/core';
import { Blockchain, createShardAccount } from '@ton/sandbox';
import { ESCROW_RESERVE, storeEscrowTerms, TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { noExecutorsPaid } from '../../wrappers/taskEscrowInit';

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
    // Funded and untouched: the whole budget left, nobody paid (contracts/escrow_book.tact).
    const { init } = await TaskEscrow.fromInit(t.master, t.taskId, terms, t.budget, 0n, noExecutorsPaid());
    await blockchain.setShardAccount(
        at,
        createShardAccount({ address: at, code: init!.code, data: init!.data, balance: t.budget + ESCROW_RESERVE }),
    );
    return blockchain.openContract(TaskEscrow.fromAddress(at));
}
