// The bench's chain: the sandbox with a real EscrowMaster, except that escrow addresses are derived locally. The
// master's `escrowAddress` getter costs about 20 ms a call in the sandbox, far too slow for creating thousands of
// tasks; the derivation is checked against the getter at start-up, so it cannot silently drift from the contract.
import { Address, beginCell, Cell, contractAddress } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { ChainAdapter } from '../backend/src/chain/chain';
import { sandboxChain } from '../backend/src/chain/sandboxChain';
import { TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';

/** Task ids whose derived address must equal the getter's: a small one and the largest a 63-bit random id can be. */
const CHECKED_TASK_IDS = [1n, 2n ** 63n - 1n];

export async function benchChain(blockchain: Blockchain, master: Address): Promise<ChainAdapter> {
    const chain = sandboxChain(blockchain, master);
    // The code cell is parsed once here; parsing it per task is what makes the wrapper's `fromInit` slow too.
    const { code } = await TaskEscrow.init(master, 0n, beginCell().endCell().beginParse());
    const escrowAddress = async (taskId: bigint) => contractAddress(0, { code, data: escrowInitData(master, taskId) });
    for (const taskId of CHECKED_TASK_IDS) {
        const [derived, onChain] = [await escrowAddress(taskId), await chain.escrowAddress(taskId)];
        if (!derived.equals(onChain)) throw new Error(`derived escrow address of task ${taskId} is ${derived}, the master says ${onChain}`);
    }
    return { ...chain, escrowAddress };
}

/** The escrow's data as the master deploys it: `initOf TaskEscrow(master, taskId, emptySlice())`. */
function escrowInitData(master: Address, taskId: bigint): Cell {
    return beginCell().storeAddress(master).storeUint(taskId, 64).endCell();
}
