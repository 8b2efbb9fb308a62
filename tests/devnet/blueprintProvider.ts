// Blueprint's own NetworkProvider, built the way `npx blueprint run <script> --custom <endpoint> --custom-version v2
// --custom-type custom --mnemonic` builds it (TonClient plus its mnemonic wallet sender), with a recording UI; and
// that command itself, run as a child process.
import { spawn } from 'child_process';
import { join } from 'path';
import { createNetworkProvider, NetworkProvider } from '@ton/blueprint';
import { RecordingUI } from '../helpers/sandboxProvider';
import { WalletVersion } from './localWallet';

type NetworkArgs = Parameters<typeof createNetworkProvider>[1];

export async function blueprintOverDevnet(
    endpoint: string,
    wallet: { mnemonic: string[]; version: WalletVersion },
): Promise<{ provider: NetworkProvider; ui: RecordingUI }> {
    const ui = new RecordingUI();
    const args: NetworkArgs = {
        _: [],
        '--custom': endpoint,
        '--custom-version': 'v2',
        '--custom-type': 'custom',
        '--mnemonic': true,
    };
    // Blueprint takes the mnemonic wallet from the environment only, and reads it while building the provider.
    const saved = { mnemonic: process.env.WALLET_MNEMONIC, version: process.env.WALLET_VERSION };
    process.env.WALLET_MNEMONIC = wallet.mnemonic.join(' ');
    process.env.WALLET_VERSION = wallet.version;
    try {
        return { provider: await createNetworkProvider(ui, args), ui };
    } finally {
        restore('WALLET_MNEMONIC', saved.mnemonic);
        restore('WALLET_VERSION', saved.version);
    }
}

function restore(name: string, value: string | undefined) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
}

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/**
 * `npx blueprint run <script> --custom <endpoint> --custom-version v2 --custom-type custom --mnemonic <args>` as a
 * user types it, in a child process with the wallet in WALLET_MNEMONIC and WALLET_VERSION. ts-node only transpiles
 * (the project is type-checked once elsewhere), which changes nothing a script does.
 */
export function runBlueprintCli(
    endpoint: string,
    wallet: { mnemonic: string; version: WalletVersion },
    script: string,
    args: string[],
): Promise<CliRun> {
    const cli = require.resolve('@ton/blueprint/dist/cli/cli.js');
    const networkArgs = ['--custom', endpoint, '--custom-version', 'v2', '--custom-type', 'custom', '--mnemonic'];
    const child = spawn(process.execPath, [cli, 'run', script, ...networkArgs, ...args], {
        cwd: join(__dirname, '..', '..'),
        env: {
            ...process.env,
            WALLET_MNEMONIC: wallet.mnemonic,
            WALLET_VERSION: wallet.version,
            TS_NODE_TRANSPILE_ONLY: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}
