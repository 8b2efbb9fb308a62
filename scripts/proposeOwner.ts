// Owner only: first step of a handover. The proposed owner then runs acceptOwnership from its own wallet.
// Proposing the current owner cancels a pending proposal. Prints the master config after.
//
//   npx blueprint run proposeOwner <master> <new owner>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from '../scriptSupport/adminAction';
import { parseAddress } from '../scriptSupport/parse';
import { runScript } from '../scriptSupport/runScript';
import { expectArgs } from '../scriptSupport/usage';

const USAGE = 'proposeOwner <master address> <new owner address>';

export function proposeOwner(provider: NetworkProvider, master: Address, newOwner: Address) {
    return sendAdminMessage(provider, master, { $$type: 'ProposeOwner', queryId: 0n, newOwner });
}

export const run = runScript(async (provider, args) => {
    const [master, newOwner] = expectArgs(args, ['master', 'new owner'], USAGE);
    await proposeOwner(provider, parseAddress(master, 'master'), parseAddress(newOwner, 'new owner'));
});
