// Opening the deployed contracts a script acts on. Escrow addresses always come from the master's getter.
import { Address, OpenedContract } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { EscrowMaster } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { TaskEscrow } from '../build/TaskEscrow/TaskEscrow_TaskEscrow';
import { formatAddress } from './print';

/** A deployed EscrowMaster, or an error naming the address (nothing has been sent). */
export async function openMaster(provider: NetworkProvider, address: Address) {
    if (!(await provider.isContractDeployed(address))) {
        throw new Error(`no contract is deployed at ${formatAddress(provider, address)}: is this the EscrowMaster address?`);
    }
    return provider.open(EscrowMaster.fromAddress(address));
}

/** The escrow of `taskId`, at the address the master reports; it may not exist yet. */
export async function escrowOfTask(provider: NetworkProvider, master: OpenedContract<EscrowMaster>, taskId: bigint) {
    return provider.open(TaskEscrow.fromAddress(await master.getEscrowAddress(taskId)));
}

/** A deployed TaskEscrow, or an error saying it is closed or was never funded (nothing has been sent). */
export async function openEscrow(provider: NetworkProvider, address: Address) {
    if (!(await provider.isContractDeployed(address))) {
        throw new Error(
            `no escrow is deployed at ${formatAddress(provider, address)}: ` +
                'the task is closed, was never funded, or the address is wrong',
        );
    }
    return provider.open(TaskEscrow.fromAddress(address));
}
