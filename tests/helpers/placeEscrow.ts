// Puts a funded TaskEscrow, running today's code, at a fixed address. Shared vectors sign for fixed escrow
// addresses, so they stay valid when the contract's code (and with it every derived address) changes.
import { Address, beginCell } from '@ton/core';
import { Blockchain, createShardAccount } from '@ton/sandbox';
import { ESCROW_RESERVE, PaidExecutors, storeEscrowTerms, TaskEscrow } from '../../build/TaskEscrow/TaskEscrow_TaskEscrow';
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

/** Places a funded escrow at `at`; `paid` (nobody by default) sets which executors it has already paid. */
export async function placeEscrow(blockchain: Blockchain, at: Address, t: PlacedTerms, paid: PaidExecutors = noExecutorsPaid()) {
    const terms = beginCell()
        .store(storeEscrowTerms({ $$type: 'EscrowTerms', ...t }))
        .endCell();
    // Funded, with the whole budget left (contracts/escrow_book.tact).
    const { init } = await TaskEscrow.fromInit(t.master, t.taskId, terms, t.budget, 0n, paid);
    await blockchain.setShardAccount(
        at,
        createShardAccount({ address: at, code: init!.code, data: init!.data, balance: t.budget + ESCROW_RESERVE }),
    );
    return blockchain.openContract(TaskEscrow.fromAddress(at));
}
