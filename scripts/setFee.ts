// Owner only: sets the platform fee, in basis points (at most 2000, i.e. 20%), for tasks funded from now on.
// Prints the master config after.
//
//   npx blueprint run setFee <master> <fee bps>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from '../scriptSupport/adminAction';
import { parseAddress, parseFeeBps } from '../scriptSupport/parse';
import { runScript } from '../scriptSupport/runScript';
import { expectArgs } from '../scriptSupport/usage';

const USAGE = 'setFee <master address> <fee bps, 0..2000>';

export function setFee(provider: NetworkProvider, master: Address, feeBps: bigint) {
    return sendAdminMessage(provider, master, { $$type: 'SetFee', queryId: 0n, feeBps });
}

export const run = runScript(async (provider, args) => {
    const [master, fee] = expectArgs(args, ['master', 'fee bps'], USAGE);
    await setFee(provider, parseAddress(master, 'master'), parseFeeBps(fee));
});
