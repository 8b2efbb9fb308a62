// What a user does in the app, in the words of its data-testids (web/src): open a view, connect the wallet through
// TonConnect's own modal, read an address the page shows.
import { Address } from '@ton/core';
import type { Locator, Page } from 'playwright-core';
import { TEST_WALLET_NAME } from './injectedWallet';

export type ViewName = 'connect' | 'worker' | 'payouts' | 'requester' | 'operator';

export const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

export async function openView(page: Page, view: ViewName): Promise<void> {
    await byTestId(page, `tab-${view}`).click();
    await byTestId(page, `${view}-view`).waitFor();
}

/** Clicks "Connect wallet" and picks the injected test wallet in TonConnect UI's wallet list. */
export async function pickTestWallet(page: Page): Promise<void> {
    await byTestId(page, 'connect-wallet').click();
    await page.locator('[data-tc-wallets-modal-container]').getByText(TEST_WALLET_NAME, { exact: true }).click();
}

/** Connects the injected wallet on the Connect view and waits until the service has verified its proof. */
export async function logIn(page: Page): Promise<void> {
    await openView(page, 'connect');
    await pickTestWallet(page);
    await page.locator('[data-testid="login-status"][data-state="logged-in"]').waitFor();
}

/** The full address an AddressText shows (its data-address), parsed. */
export async function shownAddress(locator: Locator): Promise<Address> {
    const friendly = await locator.getAttribute('data-address');
    if (!friendly) throw new Error('the element shows no address');
    return Address.parse(friendly);
}
