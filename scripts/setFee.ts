// Owner only: sets the platform fee, in basis points (at most 2000, i.e. 20%), for tasks funded from now on.
// Prints the master config after.
//
//   npx blueprint run setFee <master> <fee bps>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from './lib/adminAction';
import { parseAddress, parseFeeBps } from './lib/parse';
import { expectArgs } from './lib/usage';

const USAGE = 'setFee <master address> <fee bps, 0..2000>';

export function setFee(provider: NetworkProvider, master: Address, feeBps: bigint) {
    return sendAdminMessage(provider, master, { $$type: 'SetFee', queryId: 0n, feeBps });
}

export async function run(provider: NetworkProvider, args: string[]) {
    const [master, fee] = expectArgs(args, ['master', 'fee bps'], USAGE);
    await setFee(provider, parseAddress(master, 'master'), parseFeeBps(fee));
}
