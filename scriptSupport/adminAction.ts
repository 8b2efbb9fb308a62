// The shape every owner action on the master shares: send one message, wait for it, print the config.
import { Address, toNano } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import {
    AcceptOwnership,
    MasterConfig,
    ProposeOwner,
    SetBackendKey,
    SetFee,
    SetStopped,
    SetTreasury,
} from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { sendAndAwait } from './arrival';
import { openMaster } from './contracts';
import { rejectionOf } from './outcome';
import { printMasterConfig } from './print';

export type AdminMessage = SetBackendKey | SetFee | SetTreasury | SetStopped | ProposeOwner | AcceptOwnership;

/** Value attached to an admin message; the master returns what its gas did not use. */
export const ADMIN_VALUE = toNano('0.05');

/**
 * Sends `message` to the master from the provider's wallet, waits for the master to process it and prints the
 * config as it is afterwards. Throws ActionRejected (after printing) when the master refused it.
 */
export async function sendAdminMessage(
    provider: NetworkProvider,
    masterAddress: Address,
    message: AdminMessage,
): Promise<MasterConfig> {
    const master = await openMaster(provider, masterAddress);
    const arrival = await sendAndAwait(provider, master.address, () =>
        master.send(provider.sender(), { value: ADMIN_VALUE }, message),
    );
    const rejected = rejectionOf(arrival, message.$$type, 'EscrowMaster');
    provider.ui().write(rejected ? `${rejected.message}. Config as it stands:` : `${message.$$type} applied. Config now:`);
    const config = await master.getConfig();
    printMasterConfig(provider, master.address, config);
    if (rejected) throw rejected;
    return config;
}
