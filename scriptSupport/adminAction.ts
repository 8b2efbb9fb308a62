// The shape every owner action on the master shares: check the sender may send it, send one message, wait for it,
// print the config.
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
import { formatAddress, printMasterConfig } from './print';
import { refuseIf } from './scriptError';
import { senderAddress } from './sender';
import { requireSpendable } from './wallet';

export type AdminMessage = SetBackendKey | SetFee | SetTreasury | SetStopped | ProposeOwner | AcceptOwnership;

/** Value attached to an admin message; the master returns what its gas did not use. */
export const ADMIN_VALUE = toNano('0.05');

/** The master's rules for `message` from `sender` (contracts/escrow_master.tact), checked against its config. */
function checkAdminRules(provider: NetworkProvider, config: MasterConfig, message: AdminMessage, sender: Address): void {
    const show = (a: Address) => formatAddress(provider, a);
    if (message.$$type === 'AcceptOwnership') {
        const pending = config.pendingOwner;
        refuseIf(pending === null, () => 'nobody is proposed as the next owner of this master (ERR_NOT_PENDING_OWNER)');
        refuseIf(
            !pending!.equals(sender),
            () =>
                `the proposed owner is ${show(pending!)}, but the sending wallet is ${show(sender)}; ` +
                "send it from the proposed owner's wallet (ERR_NOT_PENDING_OWNER)",
        );
        return;
    }
    refuseIf(
        !config.owner.equals(sender),
        () =>
            `only the master's owner ${show(config.owner)} may send ${message.$$type}, and the sending wallet is ` +
            `${show(sender)} (ERR_NOT_OWNER)`,
    );
    if (message.$$type === 'SetTreasury') {
        refuseIf(
            message.treasury.workChain !== 0,
            () => `the treasury must be on the basechain (workchain 0), not ${message.treasury.workChain} (ERR_TREASURY_NOT_BASECHAIN)`,
        );
    }
}

/**
 * Checks the master, the sender's right and wallet, then sends `message` from the provider's wallet, waits for the
 * master to process it and prints the config as it is afterwards. Throws PreflightRefusal (nothing sent) when a
 * check fails, ActionRejected (after printing) when the master refused it anyway.
 */
export async function sendAdminMessage(
    provider: NetworkProvider,
    masterAddress: Address,
    message: AdminMessage,
): Promise<MasterConfig> {
    const sender = senderAddress(provider);
    await requireSpendable(provider, ADMIN_VALUE);
    const master = await openMaster(provider, masterAddress);
    checkAdminRules(provider, await master.getConfig(), message, sender);

    const arrival = await sendAndAwait(provider, master.address, () =>
        master.send(provider.sender(), { value: ADMIN_VALUE }, message),
    );
    const rejected = rejectionOf(arrival, message.$$type, 'EscrowMaster', sender);
    provider.ui().write(rejected ? `${rejected.message}. Config as it stands:` : `${message.$$type} applied. Config now:`);
    const config = await master.getConfig();
    printMasterConfig(provider, master.address, config);
    if (rejected) throw rejected;
    return config;
}
