// Owner only: rotates the key that signs payout intents for tasks funded from now on. Funded escrows keep the key
// they were funded with. Prints the master config after.
//
//   npx blueprint run setBackendKey <master> <backend public key, 64 hex>
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from '../scriptSupport/adminAction';
import { parseAddress, parseBackendKey } from '../scriptSupport/parse';
import { runScript } from '../scriptSupport/runScript';
import { expectArgs } from '../scriptSupport/usage';

const USAGE = 'setBackendKey <master address> <backend public key, 64 hex>';

export function setBackendKey(provider: NetworkProvider, master: Address, backendKey: bigint) {
    return sendAdminMessage(provider, master, { $$type: 'SetBackendKey', queryId: 0n, backendKey });
}

export const run = runScript(async (provider, args) => {
    const [master, key] = expectArgs(args, ['master', 'backend public key'], USAGE);
    await setBackendKey(provider, parseAddress(master, 'master'), parseBackendKey(key));
});
