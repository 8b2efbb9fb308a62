// The bench's chain: the sandbox with a real EscrowMaster, except that escrow addresses are derived locally. The
// master's `escrowAddress` getter costs about 20 ms a call in the sandbox (and a round trip to the devnet for
// bench:cluster), far too slow for creating thousands of tasks; the derivation is checked against the getter at
// start-up, so it cannot silently drift from the contract.
import { Address, Cell, contractAddress } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { ChainAdapter } from '../../backend/src/chain/chain';
import { sandboxChain } from '../../tests/helpers/sandboxChain';
import { unfundedEscrowInit } from '../../wrappers/taskEscrowInit';

/** Task ids whose derived address must equal the getter's: a small one and the largest a 63-bit random id can be. */
const CHECKED_TASK_IDS = [1n, 2n ** 63n - 1n];

export async function benchChain(blockchain: Blockchain, master: Address): Promise<ChainAdapter> {
    return withDerivedEscrows(sandboxChain(blockchain, master));
}

/** The chain, with `escrowAddress` computed here from the escrow's code and init data instead of asked of the master. */
export async function withDerivedEscrows(chain: ChainAdapter): Promise<ChainAdapter> {
    const master = chain.masterAddress;
    // The code cell is parsed once here; parsing it per task is what makes the wrapper's `fromInit` slow too.
    const { code } = (await unfundedEscrowInit(master, 0n)).init!;
    const escrowAddress = async (taskId: bigint) => contractAddress(0, { code, data: await escrowInitData(master, taskId) });
    for (const taskId of CHECKED_TASK_IDS) {
        const [derived, onChain] = [await escrowAddress(taskId), await chain.escrowAddress(taskId)];
        if (!derived.equals(onChain)) throw new Error(`derived escrow address of task ${taskId} is ${derived}, the master says ${onChain}`);
    }
    return { ...chain, escrowAddress };
}

/** The escrow's data as the master deploys it. */
async function escrowInitData(master: Address, taskId: bigint): Promise<Cell> {
    return (await unfundedEscrowInit(master, taskId)).init!.data;
}
