// Blueprint's own NetworkProvider, built the way `npx blueprint run <script> --custom <endpoint> --custom-version v2
// --custom-type custom --mnemonic` builds it (TonClient plus its mnemonic wallet sender), with a recording UI.
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
