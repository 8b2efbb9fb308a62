// The in-page half of the injected test wallet: `window[jsBridgeKey].tonconnect`, the object TonConnect's
// InjectedProvider talks to. It holds no key and decides nothing; every call goes to Node through the page binding
// that injectedWallet.ts exposes. Playwright runs `installBridge` in the page as source text, so it must use
// nothing from outside its own body.

export interface BridgeWalletInfo {
    name: string;
    app_name: string;
    image: string;
    about_url: string;
    platforms: string[];
}

export interface BridgeConfig {
    jsBridgeKey: string;
    /** The name of the function Node exposed in the page: (method, argument) => Promise<answer>. */
    binding: string;
    deviceInfo: unknown;
    walletInfo: BridgeWalletInfo;
}

export function installBridge(config: BridgeConfig): void {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const page = globalThis as any;
    const call = (method: string, argument: unknown): Promise<unknown> => page[config.binding](method, argument);
    page[config.jsBridgeKey] = {
        tonconnect: {
            deviceInfo: config.deviceInfo,
            walletInfo: config.walletInfo,
            protocolVersion: 2,
            isWalletBrowser: false,
            connect: (protocolVersion: number, message: unknown) => call('connect', { protocolVersion, message }),
            restoreConnection: () => call('restoreConnection', null),
            send: (request: unknown) => call('send', request),
            // This wallet never starts an event (a disconnect from the wallet's side); there is nothing to listen to.
            listen: () => () => undefined,
            disconnect: () => {
                call('disconnect', null);
            },
        },
    };
}
