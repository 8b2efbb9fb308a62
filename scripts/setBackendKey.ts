// Owner only: rotates the key that signs payout intents for tasks funded from now on. Funded escrows keep the key
// they were funded with. Prints the master config after.
//
//   npx blueprint run setBackendKey <master> <backend public key, 64 hex>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from './lib/adminAction';
import { parseAddress, parseBackendKey } from './lib/parse';
import { expectArgs } from './lib/usage';

const USAGE = 'setBackendKey <master address> <backend public key, 64 hex>';

export function setBackendKey(provider: NetworkProvider, master: Address, backendKey: bigint) {
    return sendAdminMessage(provider, master, { $$type: 'SetBackendKey', queryId: 0n, backendKey });
}

export async function run(provider: NetworkProvider, args: string[]) {
    const [master, key] = expectArgs(args, ['master', 'backend public key'], USAGE);
    await setBackendKey(provider, parseAddress(master, 'master'), parseBackendKey(key));
}
