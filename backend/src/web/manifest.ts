// The TonConnect manifest a wallet fetches to name and show the app it connects to. Its `url` host is the domain
// wallets put in their ton_proof, so it is built from PUBLIC_URL, whose host is an accepted proof domain by default.
import type { TonConnectManifest } from '../../../protocol';

export const APP_NAME = 'GSTD Escrow';

export function tonConnectManifest(publicUrl: string): TonConnectManifest {
    return { url: publicUrl, name: APP_NAME, iconUrl: `${publicUrl}/icon.svg` };
}
