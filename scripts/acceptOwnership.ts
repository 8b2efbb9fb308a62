// Second step of a handover, sent from the proposed owner's wallet: it becomes the owner.
// Prints the master config after.
//
//   npx blueprint run acceptOwnership <master>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from '../scriptSupport/adminAction';
import { parseAddress } from '../scriptSupport/parse';
import { runScript } from '../scriptSupport/runScript';
import { expectArgs } from '../scriptSupport/usage';

const USAGE = 'acceptOwnership <master address>';

export function acceptOwnership(provider: NetworkProvider, master: Address) {
    return sendAdminMessage(provider, master, { $$type: 'AcceptOwnership', queryId: 0n });
}

export const run = runScript(async (provider, args) => {
    const [master] = expectArgs(args, ['master'], USAGE);
    await acceptOwnership(provider, parseAddress(master, 'master'));
});
