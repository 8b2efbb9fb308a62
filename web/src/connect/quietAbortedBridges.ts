// TonConnect's SDK opens HTTP bridge connections for the QR-code wallets while its modal is open, and when the user
// picks another wallet it aborts them without catching the rejection (BridgeProvider.connect in @tonconnect/sdk
// 3.4.1). Where the bridges are unreachable, that surfaces as an uncaught "Aborted after attempts N". The abort is
// the SDK working as meant, so exactly that rejection is marked handled; every other error still surfaces.
import { TonConnectError } from '@tonconnect/ui-react';

export function quietAbortedBridges(): void {
    window.addEventListener('unhandledrejection', (event) => {
        const reason: unknown = event.reason;
        if (reason instanceof TonConnectError && /Aborted after attempts \d+/.test(reason.message)) event.preventDefault();
    });
}
