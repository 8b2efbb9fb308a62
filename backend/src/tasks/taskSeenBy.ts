// Which tasks a wallet may read. Until its escrow is funded, only the requester sees a task: whoever learned the
// id could fund the escrow first with other terms and block it. A spot check exists only for the wallet it was
// issued to. Hidden tasks are answered exactly as unknown ones, so ids do not leak.
import { Address } from '@ton/core';
import { ServiceError } from '../service/serviceError';
import { Sql } from '../store/sql';
import { requireTask, TaskRecord } from './taskRecord';

export async function taskSeenBy(sql: Sql, taskId: string, wallet: Address): Promise<TaskRecord> {
    const task = await requireTask(sql, taskId);
    const reader = wallet.toRawString();
    const hidden =
        (task.status === 'awaiting_escrow' && task.requester !== reader) || (task.spotCheckWallet !== null && task.spotCheckWallet !== reader);
    if (hidden) throw new ServiceError('not_found', 'TASK_NOT_FOUND', `no task ${task.id}`);
    return task;
}
