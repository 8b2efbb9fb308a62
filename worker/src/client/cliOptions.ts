// The worker CLI's flags, read and checked before anything connects, so a mistake is one clear line.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { mnemonicWords, TonNetwork, WALLET_VERSIONS, WalletVersion } from '../../../client/wallet';
import { CLAIM_MODES, ClaimMode } from './payoutClaimer';

/** Where `npm run devnet` (and `npm start` without a chain) serves the toncenter API unless told otherwise. */
export const LOCAL_DEVNET_ENDPOINT = 'http://127.0.0.1:8081/api/v2/jsonRPC';

export const USAGE = `Usage: npm run worker -- --service <url> (--mnemonic "<24 words>" | --mnemonic-file <path>) [options]

Runs a GSTD worker: logs in with the wallet, takes tasks from the service, runs them, and claims the rewards
on-chain from the wallet (unless --claims off). Progress goes to stderr, a JSON summary to stdout at the end.

  --service <url>          the service, e.g. http://localhost:8080 (required)
  --mnemonic "<words>"     the wallet's 24 words (visible to other local users in the process list)
  --mnemonic-file <path>   a file holding the 24 words (preferred)
  --wallet v4|v5r1         wallet contract (default v4)
  --network testnet|mainnet  network the wallet and its proof are for (default: the one --ton-endpoint serves)
  --device-name <name>     device to register or reuse (default worker-<hostname>)
  --ton-endpoint <url>     toncenter-compatible v2 JSON-RPC (default the local devnet's, http://127.0.0.1:8081/api/v2/jsonRPC)
  --ton-api-key <key>      API key for that endpoint
  --proof-domain <domain>  domain named in the ton_proof (default the service's host)
  --claims auto|off        auto: claim each reward from the wallet (default). off: only submit, and leave the
                           rewards to claim by hand (the web app's Payouts view, or requester intent + claimReward)
  --max-tasks <n>          exit after n tasks are paid (with --claims off: after n results are submitted)
  --concurrency <n>        tasks run at once (default 2)
  --status-every <s>       print a status line after s quiet seconds with no task running (default 30, 0: never)
  --help                   this text`;

export interface CliOptions {
    serviceUrl: string;
    mnemonic: string[];
    walletVersion: WalletVersion;
    /** Undefined: the network the TON endpoint serves. */
    network?: TonNetwork;
    deviceName: string;
    tonEndpoint: string;
    tonApiKey?: string;
    proofDomain?: string;
    claims: ClaimMode;
    maxTasks?: number;
    concurrency: number;
    statusEverySeconds: number;
}

export class UsageError extends Error {}

export function parseCliOptions(argv: string[]): CliOptions | 'help' {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            strict: true,
            options: {
                service: { type: 'string' },
                mnemonic: { type: 'string' },
                'mnemonic-file': { type: 'string' },
                wallet: { type: 'string', default: 'v4' },
                network: { type: 'string' },
                'device-name': { type: 'string', default: `worker-${hostname()}` },
                'ton-endpoint': { type: 'string' },
                'ton-api-key': { type: 'string' },
                'proof-domain': { type: 'string' },
                claims: { type: 'string', default: 'auto' },
                'max-tasks': { type: 'string' },
                concurrency: { type: 'string', default: '2' },
                'status-every': { type: 'string', default: '30' },
                help: { type: 'boolean', default: false },
            },
        }));
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (values.help) return 'help';

    const serviceUrl = requireUrl(values.service, '--service');
    const walletVersion = oneOf(values.wallet!, WALLET_VERSIONS, '--wallet');
    const network = values.network === undefined ? undefined : oneOf(values.network, ['testnet', 'mainnet'] as const, '--network');
    return {
        serviceUrl: serviceUrl.replace(/\/+$/, ''),
        mnemonic: mnemonicFrom(values.mnemonic, values['mnemonic-file']),
        walletVersion,
        network,
        deviceName: values['device-name']!,
        tonEndpoint: values['ton-endpoint'] ? requireUrl(values['ton-endpoint'], '--ton-endpoint') : LOCAL_DEVNET_ENDPOINT,
        tonApiKey: values['ton-api-key'],
        proofDomain: values['proof-domain'],
        claims: oneOf(values.claims!, CLAIM_MODES, '--claims'),
        maxTasks: values['max-tasks'] === undefined ? undefined : positiveInteger(values['max-tasks'], '--max-tasks'),
        concurrency: positiveInteger(values.concurrency!, '--concurrency'),
        statusEverySeconds: values['status-every'] === '0' ? 0 : positiveInteger(values['status-every']!, '--status-every'),
    };
}

function requireUrl(value: string | undefined, flag: string): string {
    if (!value) throw new UsageError(`${flag} is required`);
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new UsageError(`${flag} must be a URL, not ${JSON.stringify(value)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be an http(s) URL`);
    return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
    return value as T;
}

function positiveInteger(value: string, flag: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new UsageError(`${flag} must be a positive integer, not ${JSON.stringify(value)}`);
    return Number(value);
}

function mnemonicFrom(inline: string | undefined, file: string | undefined): string[] {
    if ((inline === undefined) === (file === undefined)) throw new UsageError('give exactly one of --mnemonic and --mnemonic-file');
    if (inline !== undefined) return mnemonicWords(inline);
    try {
        return mnemonicWords(readFileSync(file!, 'utf8'));
    } catch (error) {
        throw new UsageError(`cannot read --mnemonic-file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}
