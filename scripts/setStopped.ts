// Owner only: stops or resumes new funding. Funded escrows are unaffected: claims and closes go on.
// Prints the master config after.
//
//   npx blueprint run setStopped <master> stop|resume
import { Address } from '@ton/core';
import { NetworkProvider } from '@ton/blueprint';
import { sendAdminMessage } from '../scriptSupport/adminAction';
import { parseAddress } from '../scriptSupport/parse';
import { runScript } from '../scriptSupport/runScript';
import { expectArgs, UsageError } from '../scriptSupport/usage';

const USAGE = 'setStopped <master address> stop|resume';

export function setStopped(provider: NetworkProvider, master: Address, stopped: boolean) {
    return sendAdminMessage(provider, master, { $$type: 'SetStopped', queryId: 0n, stopped });
}

function parseSwitch(text: string): boolean {
    if (text === 'stop') return true;
    if (text === 'resume') return false;
    throw new UsageError(`expected "stop" or "resume", got "${text}"; usage: ${USAGE}`);
}

export const run = runScript(async (provider, args) => {
    const [master, action] = expectArgs(args, ['master', 'stop|resume'], USAGE);
    await setStopped(provider, parseAddress(master, 'master'), parseSwitch(action));
});
