// Owner only: sets where the fees of tasks funded from now on go. Prints the master config after.
//
//   npx blueprint run setTreasury <master> <treasury>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from '../scriptSupport/adminAction';
import { parseAddress } from '../scriptSupport/parse';
import { runScript } from '../scriptSupport/runScript';
import { expectArgs } from '../scriptSupport/usage';

const USAGE = 'setTreasury <master address> <treasury address>';

export function setTreasury(provider: NetworkProvider, master: Address, treasury: Address) {
    return sendAdminMessage(provider, master, { $$type: 'SetTreasury', queryId: 0n, treasury });
}

export const run = runScript(async (provider, args) => {
    const [master, treasury] = expectArgs(args, ['master', 'treasury'], USAGE);
    await setTreasury(provider, parseAddress(master, 'master'), parseAddress(treasury, 'treasury'));
});
