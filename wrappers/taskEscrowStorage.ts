// Reading a TaskEscrow's storage for what its getter does not show: whether an executor has been paid. The layout
// is the contract's typed fields (loadTaskEscrow$Data) and the record of contracts/escrow_book.tact.
import { Address, Cell } from '@ton/core';
import { loadTaskEscrow$Data, PaidExecutors } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';

/** Whether the escrow whose data cell is `data` has paid `executor` (a basechain address, as the escrow pays). */
export function hasPaid(data: Cell, executor: Address): boolean {
    const paid: PaidExecutors = loadTaskEscrow$Data(data.beginParse()).paid;
    const hash = BigInt('0x' + executor.hash.toString('hex'));
    if (paid.count >= 1n && paid.first === hash) return true;
    if (paid.count >= 2n && paid.second === hash) return true;
    // The later executors: a chain of cells, up to three hashes each, the next cell as the only reference.
    for (let cell = paid.later; cell; ) {
        const slice = cell.beginParse();
        while (slice.remainingBits >= 256) if (slice.loadUintBig(256) === hash) return true;
        cell = slice.remainingRefs > 0 ? slice.loadRef() : null;
    }
    return false;
}
