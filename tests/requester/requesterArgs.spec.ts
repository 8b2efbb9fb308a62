// The requester's command line and environment: what each command takes, and one clear line for each mistake,
// before anything is sent.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mnemonicNew } from '@ton/crypto';
import { DEFAULT_SERVICE, DEFAULT_TON_ENDPOINT, durationSeconds, parseRequesterArgs } from '../../requester/args';
import { runRequesterCli } from '../../requester/cli';
import { taskInputOf, workloadOf } from '../../requester/commands/taskInput';
import { formatTon, parseTon } from '../../requester/tonAmount';
import { UsageError } from '../../requester/usage';
import { walletFromEnv, walletVersionOf } from '../../requester/walletFromEnv';

const FITS = '{"seed":1,"rounds":2}';

describe('requester arguments', () => {
    it('create reads module, input, budget in TON, redundancy and deadline, with the devnet defaults', () => {
        const args = parseRequesterArgs(['create', '--module', 'hash-chain', '--input', '{"seed":1,"rounds":2}', '--budget', '1.5', '--redundancy', '3', '--deadline', '10m']);
        expect(args).toMatchObject({ command: 'create', serviceUrl: DEFAULT_SERVICE, tonEndpoint: DEFAULT_TON_ENDPOINT, json: false });
        expect(args.create).toMatchObject({ input: { seed: 1, rounds: 2 }, budget: 1_500_000_000n, redundancy: 3, deadlineSeconds: 600, minTrust: undefined });
        expect(args.create!.workload.name).toBe('hash-chain');
    });

    it('task commands take exactly one numeric task id and their own options', () => {
        expect(parseRequesterArgs(['status', '42', '--follow', '--json', '--service', 'http://h:1'])).toMatchObject({
            command: 'status', taskId: '42', follow: true, json: true, serviceUrl: 'http://h:1',
        });
        expect(parseRequesterArgs(['intent', '7', '--out', 'x.json']).out).toBe('x.json');
        expect(parseRequesterArgs([]).command).toBe('help');
        expect(parseRequesterArgs(['close', '1', '--help']).command).toBe('help');
    });

    it.each([
        [['launch'], /unknown command "launch"/],
        [['fund'], /fund needs exactly one task id/],
        [['fund', '1', '2'], /fund needs exactly one task id/],
        [['status', 'abc'], /task id must be a number/],
        [['login', '5'], /login takes no task id/],
        [['status', '1', '--budget', '2'], /status takes no --budget/],
        [['results', '1', '--bogus'], /Unknown option '--bogus'/],
        [['create', '--input', '{}', '--budget', '1'], /create needs --module/],
        [['create', '--module', 'hash-chain', '--input', FITS, '--budget', '1,5'], /--budget must be an amount in TON/],
        [['create', '--module', 'hash-chain', '--input', FITS, '--budget', '0'], /--budget must be more than 0 TON/],
        [['create', '--module', 'hash-chain', '--input', FITS, '--budget', '1', '--redundancy', 'two'], /--redundancy/],
        [['create', '--module', 'hash-chain', '--input', FITS, '--budget', '1', '--deadline', 'tomorrow'], /--deadline must be a time/],
        [['create', '--module', 'hash-chain', '--input', FITS, '--budget', '1', '--min-trust', '2'], /--min-trust/],
        [['create', '--module', 'hash-chain', '--input', '{"foo":1}', '--budget', '1'], /--input does not fit hash-chain: input\./],
        [['create', '--module', 'sha256', '--input', FITS, '--budget', '1'], /--module "sha256" is not a bundled module/],
        [['login', '--service', 'localhost:8080'], /--service must be an http\(s\) URL|--service must be a URL/],
        [['login', '--network', 'devnet'], /--network must be testnet or mainnet/],
    ])('%j is refused: %s', (argv, message) => {
        expect(() => parseRequesterArgs(argv)).toThrow(UsageError);
        expect(() => parseRequesterArgs(argv)).toThrow(message);
    });

    it('TON amounts are exact nanotons both ways', () => {
        expect(parseTon('0.000000001', 'x')).toBe(1n);
        expect(parseTon('12', 'x')).toBe(12_000_000_000n);
        expect(() => parseTon('1.0000000001', 'x')).toThrow(UsageError);
        expect(formatTon(1_500_000_000n)).toBe('1.5 TON');
        expect(durationSeconds('2h')).toBe(7200);
        expect(durationSeconds('90')).toBe(90);
    });
});

describe('the task input is checked before anything is sent', () => {
    const hashChain = workloadOf('hash-chain');

    it('takes JSON text or @file that fits the module', () => {
        const file = join(mkdtempSync(join(tmpdir(), 'gstd-requester-')), 'input.json');
        writeFileSync(file, '{"seed": 3, "rounds": 4}');
        expect(taskInputOf('{"seed":1,"rounds":2}', hashChain)).toEqual({ seed: 1, rounds: 2 });
        expect(taskInputOf(`@${file}`, hashChain)).toEqual({ seed: 3, rounds: 4 });
    });

    it.each([
        ['{"foo":1}', /--input does not fit hash-chain: input\./],
        ['{"seed":1,"rounds":2,"extra":0}', /input\.extra/],
        ['{"seed":-1,"rounds":2}', /input\.seed/],
        ['{seed:1}', /--input is not JSON/],
        ['@/nonexistent/input.json', /cannot read the file \(ENOENT\)/],
    ])('%s is refused', (text, message) => {
        expect(() => taskInputOf(text, hashChain)).toThrow(message);
    });

    it('an unknown module is refused with the bundled ones listed', () => {
        expect(() => workloadOf('sha256')).toThrow(/one of hash-chain, prime-sieve, matrix-product/);
    });
});

describe('the wallet from WALLET_MNEMONIC and WALLET_VERSION', () => {
    it('reads the versions as Blueprint names them', async () => {
        expect(walletVersionOf({})).toBe('v4');
        expect(walletVersionOf({ WALLET_VERSION: 'v4R2' })).toBe('v4');
        expect(walletVersionOf({ WALLET_VERSION: 'v5r1' })).toBe('v5r1');
        const words = await mnemonicNew(24);
        const wallet = await walletFromEnv({ WALLET_MNEMONIC: words.join(' '), WALLET_VERSION: 'v5r1' }, 'testnet');
        expect(wallet.version).toBe('v5r1');
    });

    it.each([
        [{}, /set WALLET_MNEMONIC/],
        [{ WALLET_MNEMONIC: 'abandon ability' }, /has 2 words, not 24/],
        [{ WALLET_MNEMONIC: `${'abandon '.repeat(23)}zzzz` }, /word 24, "zzzz", is not in the TON word list/],
        [{ WALLET_MNEMONIC: 'abandon '.repeat(24) }, /not a valid TON mnemonic/],
        [{ WALLET_MNEMONIC: 'abandon '.repeat(24), WALLET_VERSION: 'v3r2' }, /WALLET_VERSION "v3r2" is not supported/],
    ])('%j is refused', async (env, message) => {
        await expect(walletFromEnv(env, 'testnet')).rejects.toThrow(message);
    });

    it('the CLI prints a mistyped input as one line and exits 2, before reaching the service', async () => {
        const err: string[] = [];
        const argv = ['create', '--module', 'prime-sieve', '--input', '{"limit":-1}', '--budget', '1', '--service', 'http://127.0.0.1:9'];
        const code = await runRequesterCli(argv, {}, { stdout: () => undefined, stderr: (text) => err.push(text) });
        expect([code, err]).toEqual([2, [expect.stringMatching(/^error: --input does not fit prime-sieve: input\.limit: .+\n$/)]]);
    });

    it('the CLI prints a refused mnemonic as one line and exits 2, before reaching the service', async () => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runRequesterCli(['login', '--network', 'testnet', '--service', 'http://127.0.0.1:9'], { WALLET_MNEMONIC: 'one two' }, {
            stdout: (text) => out.push(text),
            stderr: (text) => err.push(text),
        });
        expect([code, out, err]).toEqual([2, [], ['error: WALLET_MNEMONIC has 2 words, not 24\n']]);
    });

    it('an unreachable service is one line with its code, exit 1', async () => {
        const err: string[] = [];
        const words = (await mnemonicNew(24)).join(' ');
        const code = await runRequesterCli(['status', '1', '--network', 'testnet', '--service', 'http://127.0.0.1:9'], { WALLET_MNEMONIC: words }, {
            stdout: () => undefined,
            stderr: (text) => err.push(text),
        });
        expect(code).toBe(1);
        expect(err).toHaveLength(1);
        expect(err[0]).toMatch(/^error: UNREACHABLE: .*\n$/);
    });
});
