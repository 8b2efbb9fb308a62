// The StateInit the master deploys a TaskEscrow with: `initOf TaskEscrow(master, taskId, null, 0, 0,
// noExecutorsPaid())` in contracts/escrow_master.tact. Its address depends only on the master and the task id.
import { Address } from '@ton/core';
import { PaidExecutors, TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';

/** The record of a task that has paid nobody yet (contracts/escrow_book.tact). */
export function noExecutorsPaid(): PaidExecutors {
    return { $$type: 'PaidExecutors', count: 0n, first: 0n, second: 0n, later: null };
}

/** The escrow of `taskId` as the master deploys it, before SetupEscrow funds it. */
export function unfundedEscrowInit(master: Address, taskId: bigint): Promise<TaskEscrow> {
    return TaskEscrow.fromInit(master, taskId, null, 0n, 0n, noExecutorsPaid());
}
