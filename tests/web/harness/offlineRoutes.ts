// No request leaves the machine: every URL outside the service under test is answered locally. The public wallets
// list gets a list holding only the test wallet; anything else (analytics, icons) gets an empty answer, so no
// failed load turns up as a console error either.
import type { BrowserContext, Route } from 'playwright-core';
import { TEST_WALLET_LIST_ENTRY } from './injectedWallet';

export const WALLETS_LIST_URL = 'https://config.ton.org/wallets-v2.json';

/** Every request to an origin other than `serviceOrigin`, as the test saw it, in order. */
export type ExternalRequests = string[];

export async function keepOffline(context: BrowserContext, serviceOrigin: string): Promise<ExternalRequests> {
    const external: ExternalRequests = [];
    await context.route(
        (url) => url.origin !== serviceOrigin && url.protocol !== 'data:' && url.protocol !== 'blob:',
        (route: Route) => {
            const url = route.request().url();
            external.push(url);
            const cors = { 'access-control-allow-origin': '*' };
            if (url === WALLETS_LIST_URL) {
                return route.fulfill({ status: 200, headers: cors, contentType: 'application/json', body: JSON.stringify([TEST_WALLET_LIST_ENTRY]) });
            }
            return route.fulfill({ status: 204, headers: cors });
        },
    );
    return external;
}
