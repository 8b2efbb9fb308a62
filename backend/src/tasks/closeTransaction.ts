// Closing a task's escrow after its deadline, from the requester's wallet: the escrow returns what it did not pay
// out to the requester and its fees to the treasury, then destroys itself. The service prepares the TonConnect
// transaction (the CloseTask body the Blueprint script sends too); the chain decides.
import { Address, toNano } from '@ton/core';
import { MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID } from '../../../wrappers/claimEncoding';
import { closeTaskMessage } from '../../../wrappers/taskEscrowMessages';
import { friendlyContractAddress, TonConnectTransaction } from '../../../wrappers/tonConnect';
import { EscrowSnapshot } from '../chain/chain';
import { nowSeconds, ServiceContext } from '../service/context';
import { ServiceError } from '../service/serviceError';
import { taskSeenBy } from './taskSeenBy';

/** Gas for the close and its two payments, as scripts/closeTask.ts attaches; the requester gets what is unused. */
export const CLOSE_ATTACHED_VALUE = toNano('0.05');
/** How long the wallet may take to send it. */
const CLOSE_VALID_SECONDS = 300;

export interface PreparedClose {
    taskId: string;
    escrow: Address;
    state: EscrowSnapshot;
    transaction: TonConnectTransaction;
}

export async function closeTransaction(ctx: ServiceContext, taskId: string, caller: Address): Promise<PreparedClose> {
    const task = await taskSeenBy(ctx.store, taskId, caller);
    if (task.requester !== caller.toRawString()) throw new ServiceError('forbidden', 'NOT_YOUR_TASK', 'only the requester closes a task from here');
    if (task.spotCheckId !== null) throw new ServiceError('conflict', 'NOT_PAYABLE', 'a spot check has no escrow');
    const now = nowSeconds(ctx);
    // The escrow refuses CloseTask until its deadline has passed (ERR_CLOSE_TOO_EARLY).
    if (now <= task.deadline) {
        throw new ServiceError(
            'conflict',
            'TASK_BEFORE_DEADLINE',
            `the escrow can be closed only after its deadline, ${new Date(task.deadline * 1000).toISOString()}`,
        );
    }
    const state = await ctx.chain.escrowState(task.escrow);
    if (!state) throw new ServiceError('conflict', 'ESCROW_NOT_FOUND', 'no escrow is deployed for this task: never funded, or closed already');
    const address = friendlyContractAddress(task.escrow, ctx.chain.globalId);
    const body = closeTaskMessage().asCell().toBoc().toString('base64');
    // Wallets know only mainnet and testnet by id; a local chain's transaction names none.
    const network = [MAINNET_GLOBAL_ID, TESTNET_GLOBAL_ID].includes(ctx.chain.globalId) ? String(ctx.chain.globalId) : undefined;
    return {
        taskId: task.id,
        escrow: task.escrow,
        state,
        transaction: { validUntil: now + CLOSE_VALID_SECONDS, network, messages: [{ address, amount: CLOSE_ATTACHED_VALUE.toString(), payload: body }] },
    };
}
