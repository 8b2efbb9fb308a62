// The requester's command line, read into one plain object; every mistake is a UsageError naming it.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TonNetwork } from '../client/wallet';
import { Workload } from '../worker/src/workloads/workload';
import { taskInputOf, workloadOf } from './commands/taskInput';
import { parseTon } from './tonAmount';
import { UsageError } from './usage';

export const COMMANDS = ['login', 'create', 'fund', 'status', 'results', 'intent', 'close'] as const;
export type Command = (typeof COMMANDS)[number];

export const DEFAULT_SERVICE = 'http://127.0.0.1:8080';
export const DEFAULT_TON_ENDPOINT = 'http://127.0.0.1:8081/api/v2/jsonRPC';
const DEFAULT_DEADLINE_SECONDS = 3600;
const DEFAULT_REDUNDANCY = 2;

export interface CreateOptions {
    workload: Workload;
    /** Read from `--input` (JSON text, or @path of a file holding it) and checked against the workload's schema. */
    input: unknown;
    budget: bigint;
    redundancy: number;
    deadlineSeconds: number;
    minTrust?: number;
}

export interface RequesterArgs {
    command: Command | 'help';
    /** The task the command is about (fund, status, results, intent, close). */
    taskId?: string;
    serviceUrl: string;
    tonEndpoint: string;
    tonApiKey?: string;
    network?: TonNetwork;
    proofDomain?: string;
    stateDir: string;
    json: boolean;
    follow: boolean;
    out?: string;
    create?: CreateOptions;
}

const OPTIONS = {
    service: { type: 'string' },
    'ton-endpoint': { type: 'string' },
    'ton-api-key': { type: 'string' },
    network: { type: 'string' },
    'proof-domain': { type: 'string' },
    'state-dir': { type: 'string' },
    json: { type: 'boolean' },
    follow: { type: 'boolean' },
    out: { type: 'string' },
    module: { type: 'string' },
    input: { type: 'string' },
    budget: { type: 'string' },
    redundancy: { type: 'string' },
    deadline: { type: 'string' },
    'min-trust': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes beyond the common ones. */
const COMMAND_OPTIONS: Record<Command, string[]> = {
    login: [],
    create: ['module', 'input', 'budget', 'redundancy', 'deadline', 'min-trust'],
    fund: [],
    status: ['follow'],
    results: [],
    intent: ['out'],
    close: [],
};
const COMMON = ['service', 'ton-endpoint', 'ton-api-key', 'network', 'proof-domain', 'state-dir', 'json', 'help'];

export function parseRequesterArgs(argv: string[]): RequesterArgs {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
        throw new UsageError((error as Error).message.split('\n')[0]);
    }
    const { values, positionals } = parsed;
    const [name, ...rest] = positionals;
    const common = {
        serviceUrl: httpUrl(values.service ?? DEFAULT_SERVICE, '--service'),
        tonEndpoint: httpUrl(values['ton-endpoint'] ?? DEFAULT_TON_ENDPOINT, '--ton-endpoint'),
        tonApiKey: values['ton-api-key'],
        network: networkOf(values.network),
        proofDomain: values['proof-domain'],
        stateDir: values['state-dir'] ?? join(homedir(), '.gstd-requester'),
        json: values.json ?? false,
        follow: values.follow ?? false,
        out: values.out,
    };
    if (values.help || name === undefined || name === 'help') return { command: 'help', ...common };
    if (!(COMMANDS as readonly string[]).includes(name)) throw new UsageError(`unknown command ${JSON.stringify(name)}; one of ${COMMANDS.join(', ')}`);
    const command = name as Command;
    const stray = Object.keys(values).filter((option) => !COMMON.includes(option) && !COMMAND_OPTIONS[command].includes(option));
    if (stray.length > 0) throw new UsageError(`${command} takes no --${stray[0]}`);

    if (command === 'login' || command === 'create') {
        if (rest.length > 0) throw new UsageError(`${command} takes no task id (got ${JSON.stringify(rest[0])})`);
    } else if (rest.length !== 1) {
        throw new UsageError(`${command} needs exactly one task id: npm run requester -- ${command} <task>`);
    }
    const taskId = rest[0];
    if (taskId !== undefined && !/^\d{1,20}$/.test(taskId)) throw new UsageError(`the task id must be a number, not ${JSON.stringify(taskId)}`);
    return { command, taskId, ...common, create: command === 'create' ? createOptions(values) : undefined };
}

function createOptions(values: Record<string, string | boolean | undefined>): CreateOptions {
    const need = (option: string): string => {
        const value = values[option];
        if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`create needs --${option}`);
        return value;
    };
    // Checked here, so a mistyped input is a usage error before anything is sent.
    const workload = workloadOf(need('module'));
    const input = taskInputOf(need('input'), workload);
    const budget = parseTon(need('budget'), '--budget');
    if (budget <= 0n) throw new UsageError('--budget must be more than 0 TON');
    const redundancyText = typeof values.redundancy === 'string' ? values.redundancy : String(DEFAULT_REDUNDANCY);
    if (!/^\d{1,2}$/.test(redundancyText) || Number(redundancyText) < 1) throw new UsageError(`--redundancy must be a whole number from 1, not ${JSON.stringify(redundancyText)}`);
    const deadlineSeconds = typeof values.deadline === 'string' ? durationSeconds(values.deadline) : DEFAULT_DEADLINE_SECONDS;
    let minTrust: number | undefined;
    if (typeof values['min-trust'] === 'string') {
        minTrust = Number(values['min-trust']);
        if (!(minTrust >= 0 && minTrust <= 1)) throw new UsageError(`--min-trust must be a score from 0 to 1, not ${JSON.stringify(values['min-trust'])}`);
    }
    return { workload, input, budget, redundancy: Number(redundancyText), deadlineSeconds, minTrust };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "90s", "10m", "2h", "1d", or bare seconds: how far ahead the deadline is. */
export function durationSeconds(text: string): number {
    const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
    if (!match) throw new UsageError(`--deadline must be a time from now such as 90s, 10m, 2h or 1d, not ${JSON.stringify(text)}`);
    return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
}

function httpUrl(text: string, option: string): string {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        throw new UsageError(`${option} must be a URL such as http://127.0.0.1:8080, not ${JSON.stringify(text)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${option} must be an http(s) URL, not ${JSON.stringify(text)}`);
    return text;
}

function networkOf(text: string | undefined): TonNetwork | undefined {
    if (text === undefined) return undefined;
    if (text !== 'testnet' && text !== 'mainnet') throw new UsageError(`--network must be testnet or mainnet, not ${JSON.stringify(text)}`);
    return text;
}
