// The Connect view in headless Chromium, against the devnet and the service as processes: a TonConnect wallet
// (the injected test wallet, with a real key) logs in with a real ton_proof the service verifies, disconnecting logs
// out, and a declined connection or a wallet on another network is refused with a message that says what to do.
import type { Page } from 'playwright-core';
import { byTestId, logIn, pickTestWallet, shownAddress } from './harness/appActions';
import { BrowserHarness, PHONE } from './harness/browserHarness';
import { TestWallet } from './harness/testWallet';
import { startWebStack, WebStack } from './harness/webStack';

describe('Connect, in a real browser', () => {
    let stack: WebStack;
    let browser: BrowserHarness;

    beforeAll(async () => {
        stack = await startWebStack();
        browser = await BrowserHarness.launch(stack.url);
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
        await stack?.stop();
    });

    // Console errors and page errors fail the test they happen in.
    afterEach(() => expect(browser.problems.take()).toEqual([]));

    const loginState = (page: Page) => byTestId(page, 'login-status');
    const loginStateIs = (page: Page, state: string) => page.locator(`[data-testid="login-status"][data-state="${state}"]`).waitFor();

    it('logs in with the wallet: the service verifies its ton_proof, the page shows the address; disconnecting logs out', async () => {
        const wallet = await TestWallet.create('alice', stack.tonEndpoint);
        const { page } = await browser.user('alice', wallet, '/connect');
        await loginStateIs(page, 'logged-out');
        await browser.screenshot(page, 'connect-logged-out');

        const verified = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/verify'));
        await byTestId(page, 'connect-wallet').click();
        const modal = page.locator('[data-tc-wallets-modal-container]');
        await modal.waitFor();
        await browser.screenshot(page, 'connect-wallet-modal');
        await modal.getByText('GSTD Test Wallet', { exact: true }).click();

        const answer = await verified;
        expect(answer.status()).toBe(200);
        expect((await answer.json()).address).toBe(wallet.address.toRawString());
        await loginStateIs(page, 'logged-in');
        expect((await shownAddress(byTestId(page, 'session-address'))).equals(wallet.address)).toBe(true);
        expect((await shownAddress(byTestId(page, 'header-address'))).equals(wallet.address)).toBe(true);
        expect(wallet.isConnected).toBe(true);
        await browser.screenshot(page, 'connect-logged-in');

        await byTestId(page, 'disconnect').click();
        await loginStateIs(page, 'logged-out');
        expect(wallet.isConnected).toBe(false);
        await expect(byTestId(page, 'header-address').count()).resolves.toBe(0);
        await byTestId(page, 'tab-payouts').click();
        await byTestId(page, 'login-first').waitFor();
    });

    it('stays logged in across a reload, without asking the wallet for a new proof', async () => {
        const wallet = await TestWallet.create('bob', stack.tonEndpoint);
        const { page } = await browser.user('bob', wallet, '/connect');
        await logIn(page);
        let proofs = 0;
        page.on('request', (r) => (proofs += r.url().endsWith('/api/v1/auth/verify') ? 1 : 0));
        await page.reload();
        await loginStateIs(page, 'logged-in');
        expect((await shownAddress(byTestId(page, 'session-address'))).equals(wallet.address)).toBe(true);
        expect(proofs).toBe(0);
    });

    it('a connection declined in the wallet leaves the user logged out, with a message saying so', async () => {
        const wallet = await TestWallet.create('carol', stack.tonEndpoint);
        wallet.user.connect = 'reject';
        const { page } = await browser.user('carol', wallet, '/connect');
        await pickTestWallet(page);
        await byTestId(page, 'login-problem').waitFor();
        await expect(byTestId(page, 'login-problem').textContent()).resolves.toMatch(/cancel|declin|reject/i);
        await expect(loginState(page).getAttribute('data-state')).resolves.toBe('logged-out');
        expect(wallet.isConnected).toBe(false);
        await browser.screenshot(page, 'connect-declined');
    });

    it('a wallet on another network is refused, with a message naming both networks', async () => {
        const wallet = await TestWallet.create('dave', stack.tonEndpoint, { network: 'testnet' });
        // TonConnect's phone-sized modal offers no injected wallets: connect on a desktop, look at it on a phone.
        const { page } = await browser.user('dave', wallet, '/connect');
        await pickTestWallet(page);
        await byTestId(page, 'login-problem').waitFor();
        await expect(byTestId(page, 'login-problem').textContent()).resolves.toMatch(/testnet.*mainnet/);
        await loginStateIs(page, 'logged-out');
        expect(wallet.isConnected).toBe(false);
        await page.setViewportSize(PHONE);
        await browser.screenshot(page, 'connect-wrong-network-phone');
    });
});
