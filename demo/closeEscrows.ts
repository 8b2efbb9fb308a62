// After the deadline the requester closes every escrow still open, which returns what was not paid out.
// (An escrow closes by itself when its last slot is paid; the demo never fills every slot, so it closes them.)
import { Address, beginCell, internal, toNano } from '@ton/core';
import { TonClient } from '@ton/ton';
import { storeCloseTask } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { WorkerWallet } from '../client/wallet';
import { sendFromWallet } from './walletTransfer';

// Gas for the close; the escrow sends it back to the requester with the rest of its balance.
const CLOSE_VALUE = toNano('0.05');

export async function escrowIsOpen(client: TonClient, escrow: Address): Promise<boolean> {
    return (await client.getContractState(escrow)).state === 'active';
}

/** Closes each open escrow; answers how many were closed this way. */
export async function closeEscrows(client: TonClient, requester: WorkerWallet, escrows: Address[]): Promise<number> {
    let closed = 0;
    for (const escrow of escrows) {
        if (!(await escrowIsOpen(client, escrow))) continue;
        const body = beginCell().store(storeCloseTask({ $$type: 'CloseTask', queryId: BigInt(Date.now()) })).endCell();
        await sendFromWallet(client, requester, [internal({ to: escrow, value: CLOSE_VALUE, bounce: true, body })]);
        if (await escrowIsOpen(client, escrow)) throw new Error(`escrow ${escrow} is still open after CloseTask`);
        closed++;
    }
    return closed;
}
