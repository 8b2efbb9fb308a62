// What the service serves beside the API for its web app: the TonConnect manifest and the page's own settings.
import { Static, Type } from '@sinclair/typebox';

/** GET /tonconnect-manifest.json, in TonConnect's manifest format. */
export const TonConnectManifest = Type.Object({ url: Type.String(), name: Type.String(), iconUrl: Type.String() });
export type TonConnectManifest = Static<typeof TonConnectManifest>;

/** GET /web-config.json: what the page checks a connecting wallet against. */
export const WebConfig = Type.Object({
    /** The chain id a wallet must be on, as TonConnect names it ('-239' mainnet and the local devnet, '-3' testnet). */
    network: Type.String(),
    /** Where users reach the app (PUBLIC_URL). */
    public_url: Type.String(),
});
export type WebConfig = Static<typeof WebConfig>;
