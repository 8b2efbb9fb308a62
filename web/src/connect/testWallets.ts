// Wallets a test injects before the page loads, so the wallets list needs no network: an array of TonConnect
// injected-wallet entries in `window.__GSTD_TEST_WALLETS__`, each
//   { appName, name, imageUrl, aboutUrl, jsBridgeKey, platforms: ['chrome', 'firefox', 'safari'] }
// with the JS bridge at `window[jsBridgeKey].tonconnect`. Browser-extension platforms only: a wallet listing
// ios/android opens the QR path first.
import type { UIWallet } from '@tonconnect/ui-react';

declare global {
    interface Window {
        __GSTD_TEST_WALLETS__?: unknown;
    }
}

interface TestWalletEntry {
    jsBridgeKey: string;
    name: string;
    /** Defaults to jsBridgeKey. */
    appName?: string;
    imageUrl?: string;
    /** Accepted for imageUrl. */
    image?: string;
    aboutUrl?: string;
    platforms?: UIWallet['platforms'];
}

export function injectedTestWallets(): UIWallet[] {
    const listed = window.__GSTD_TEST_WALLETS__;
    if (!Array.isArray(listed)) return [];
    return listed
        .filter((w): w is TestWalletEntry => typeof w === 'object' && w !== null && typeof w.jsBridgeKey === 'string' && typeof w.name === 'string')
        .map((w) => ({
            jsBridgeKey: w.jsBridgeKey,
            name: w.name,
            appName: w.appName ?? w.jsBridgeKey,
            imageUrl: w.imageUrl ?? w.image ?? `${location.origin}/icon.svg`,
            aboutUrl: w.aboutUrl ?? location.origin,
            platforms: w.platforms ?? ['chrome', 'firefox', 'safari'],
        }));
}
