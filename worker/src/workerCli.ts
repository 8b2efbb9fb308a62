// The worker CLI's whole run, from its flags to its exit status, for `npm run worker` and for programs that start
// the same worker with task hooks of their own (the demo's worker). Progress lines go to stderr; a JSON summary
// goes to stdout at the end. Exit status: 0 when finished or interrupted, 1 on a fatal error, 2 on bad flags.
import { fromNano } from '@ton/core';
import { parseCliOptions, USAGE, UsageError } from './client/cliOptions';
import { progressLine } from './client/progressLine';
import { TaskHooks } from './client/taskHooks';
import { tonClientClaimSender } from '../../client/tonClientClaimSender';
import { walletFromKeys, walletFromMnemonic } from '../../client/wallet';
import { WorkerClient, WorkerSummary } from './client/workerClient';
import { chainResetReason, readChainMark } from './commandLine/chainReset';
import { endpointNetwork } from './commandLine/endpointNetwork';
import { idleLine } from './commandLine/idleLine';

let lastLineAt = Date.now();

function log(line: string): void {
    lastLineAt = Date.now();
    process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

/** Runs the worker in this process with `argv` (the flags only) and exits with its status. */
export function runWorkerCli(argv: string[], hooks?: TaskHooks): void {
    run(argv, hooks).then(
        (code) => process.exit(code),
        (error: Error) => {
            process.stderr.write(`error: ${error.message}\n`);
            process.exit(1);
        },
    );
}

async function run(argv: string[], hooks: TaskHooks | undefined): Promise<number> {
    let options;
    try {
        options = parseCliOptions(argv);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
        return 2;
    }
    if (options === 'help') {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }

    // The mnemonic is checked before the endpoint is asked which network it serves.
    const { keyPair } = await walletFromMnemonic(options.mnemonic, options.walletVersion, options.network ?? 'mainnet');
    const network = options.network ?? (await endpointNetwork(options.tonEndpoint, options.tonApiKey));
    const wallet = walletFromKeys(keyPair, options.walletVersion, network);
    const shown = wallet.address.toString({ testOnly: network === 'testnet', bounceable: false });
    const chainAtStart = await readChainMark(options.tonEndpoint, options.tonApiKey, wallet);
    // The local devnet runs under mainnet's global id; calling it mainnet would alarm whoever reads the log.
    const chainName = chainAtStart.genesis !== null && options.network === undefined ? `the local devnet (${network}'s global id)` : network;
    log(`wallet ${options.walletVersion} ${shown} on ${chainName}, ${options.claims === 'auto' ? 'claims' : 'balance'} via ${options.tonEndpoint}`);
    if (options.claims === 'off') {
        log('claims off: rewards are left to claim by hand from this wallet (the web app\'s Payouts view, or requester intent + claimReward)');
    }
    const client = new WorkerClient({
        serviceUrl: options.serviceUrl,
        wallet,
        claimSender: tonClientClaimSender(wallet, { endpoint: options.tonEndpoint, apiKey: options.tonApiKey }),
        deviceName: options.deviceName,
        hooks,
        proofDomain: options.proofDomain,
        claims: options.claims,
        maxTasks: options.maxTasks,
        concurrency: options.concurrency,
    });
    client.on('progress', (event) => log(progressLine(event)));
    const statusEveryMs = options.statusEverySeconds * 1000;
    const idleTimer =
        statusEveryMs > 0
            ? setInterval(() => {
                  const line = Date.now() - lastLineAt >= statusEveryMs ? idleLine(options.serviceUrl, client.status()) : undefined;
                  if (line) log(line);
              }, Math.min(statusEveryMs, 1_000))
            : undefined;

    const finished = new Promise<{ code: number; error?: Error }>((resolve) => {
        client.on('done', () => resolve({ code: 0 }));
        client.on('fatal', (error) => resolve({ code: 1, error }));
        process.once('SIGINT', () => resolve({ code: 0 }));
        process.once('SIGTERM', () => resolve({ code: 0 }));
    });
    // An interrupt or a fatal error may come while start() still waits for the service.
    await Promise.race([client.start(), finished]);
    const { code, error } = await finished;
    clearInterval(idleTimer);
    const summary: WorkerSummary = await client.stop();
    const reset = chainResetReason(chainAtStart, await readChainMark(options.tonEndpoint, options.tonApiKey, wallet));
    if (reset) {
        const { balance_start, balance_end } = summary.earnings;
        log(
            `the chain was reset while this worker ran: ${reset}. The balance went from ${tonOf(balance_start)} to ${tonOf(balance_end)} TON ` +
                'on two different chains: that is no loss, and no balance change is reported',
        );
        summary.chain_reset = reset;
        summary.earnings.balance_delta = null;
    }
    const unclaimed = summary.earnings.left_to_claim;
    if (unclaimed.length > 0) {
        log(`left to claim by hand: task ${unclaimed.join(', ')} (npm run requester -- intent <task>, then npx blueprint run claimReward)`);
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    if (error) process.stderr.write(`error: ${error.message}\n`);
    return code;
}

function tonOf(nanotons: string | null): string {
    return nanotons === null ? '?' : fromNano(nanotons);
}
