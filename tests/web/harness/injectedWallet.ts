// The injected test wallet: a TonConnect JS-bridge wallet in the page whose every call is answered in Node by a
// TestWallet. The page lists it without the network: the test sets `window.__GSTD_TEST_WALLETS__` (the app adds it to
// TonConnect UI's walletsListConfiguration.includeWallets) and answers the public wallets list with it too.
import type { BrowserContext } from 'playwright-core';
import type { ConnectRequest } from '@tonconnect/protocol';
import { BridgeConfig, installBridge } from './inPageBridge';
import { TEST_WALLET_DEVICE, TestWallet } from './testWallet';

export const TEST_WALLET_NAME = 'GSTD Test Wallet';
export const TEST_WALLET_APP_NAME = 'gstdtestwallet';
export const TEST_WALLET_BRIDGE_KEY = 'gstdTestWallet';
const BINDING = '__gstdTestWalletCall';
// A 1×1 PNG: the modal shows an icon, and no icon may come from the network.
const ICON = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ABOUT_URL = 'https://gstd.test/wallet';
// Browser-extension platforms only: a wallet that lists a phone platform is offered by QR code first.
const PLATFORMS = ['chrome', 'firefox', 'safari'];

/** The wallet as TonConnect UI's `includeWallets` takes it (UIWallet). */
export const TEST_WALLET_UI_ENTRY = {
    appName: TEST_WALLET_APP_NAME,
    name: TEST_WALLET_NAME,
    imageUrl: ICON,
    aboutUrl: ABOUT_URL,
    jsBridgeKey: TEST_WALLET_BRIDGE_KEY,
    platforms: PLATFORMS,
};

/** The wallet as config.ton.org/wallets-v2.json lists wallets. */
export const TEST_WALLET_LIST_ENTRY = {
    app_name: TEST_WALLET_APP_NAME,
    name: TEST_WALLET_NAME,
    image: ICON,
    about_url: ABOUT_URL,
    bridge: [{ type: 'js', key: TEST_WALLET_BRIDGE_KEY }],
    platforms: PLATFORMS,
    features: TEST_WALLET_DEVICE.features,
};

const BRIDGE_CONFIG: BridgeConfig = {
    jsBridgeKey: TEST_WALLET_BRIDGE_KEY,
    binding: BINDING,
    deviceInfo: TEST_WALLET_DEVICE,
    walletInfo: { name: TEST_WALLET_NAME, app_name: TEST_WALLET_APP_NAME, image: ICON, about_url: ABOUT_URL, platforms: PLATFORMS },
};

/** What the bridge in the page asks of the wallet app, answered by `wallet`. */
function answer(wallet: TestWallet, method: string, argument: unknown): Promise<unknown> | unknown {
    switch (method) {
        case 'connect':
            return wallet.connect((argument as { message: ConnectRequest }).message);
        case 'restoreConnection':
            return wallet.restoreConnection();
        case 'send':
            return wallet.send(argument as Parameters<TestWallet['send']>[0]);
        case 'disconnect':
            return wallet.disconnect();
        default:
            throw new Error(`the test wallet has no method ${method}`);
    }
}

/** Injects `wallet` into every page of `context` (one browser user: one context, one wallet), before any script runs. */
export async function injectWallet(context: BrowserContext, wallet: TestWallet): Promise<void> {
    await context.exposeFunction(BINDING, (method: string, argument: unknown) => answer(wallet, method, argument));
    await context.addInitScript(installBridge, BRIDGE_CONFIG);
    await context.addInitScript((entry) => {
        (globalThis as { __GSTD_TEST_WALLETS__?: unknown[] }).__GSTD_TEST_WALLETS__ = [entry];
    }, TEST_WALLET_UI_ENTRY);
}
