// Headless Chromium (Debian's, at /usr/bin/chromium: Playwright's own download does not work on these machines)
// with one browser context per user, each holding its own injected wallet and its own TonConnect storage. Every page
// is watched for console and page errors, and no request leaves the machine.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { injectWallet } from './injectedWallet';
import { keepOffline } from './offlineRoutes';
import { PageProblems } from './pageProblems';
import { TestWallet } from './testWallet';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of each view, for docs/web.md; git-ignored. */
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
/** A phone, the size a Telegram Mini App has. */
export const PHONE = { width: 390, height: 844 };

export interface BrowserUser {
    label: string;
    wallet: TestWallet;
    context: BrowserContext;
    page: Page;
    /** URLs outside the service the pages asked for (answered locally). */
    externalRequests: string[];
}

export class BrowserHarness {
    readonly problems = new PageProblems();
    private readonly users: BrowserUser[] = [];

    private constructor(
        private readonly browser: Browser,
        private readonly serviceUrl: string,
    ) {}

    static async launch(serviceUrl: string): Promise<BrowserHarness> {
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
        return new BrowserHarness(browser, serviceUrl);
    }

    /** A person with `wallet` in their browser, on a page of the app at `path`. */
    async user(label: string, wallet: TestWallet, path = '/', viewport = DESKTOP): Promise<BrowserUser> {
        const context = await this.browser.newContext({ viewport, baseURL: this.serviceUrl });
        context.setDefaultTimeout(20_000);
        await injectWallet(context, wallet);
        const externalRequests = await keepOffline(context, new URL(this.serviceUrl).origin);
        const page = await context.newPage();
        this.problems.watch(page, label);
        await page.goto(path);
        const user = { label, wallet, context, page, externalRequests };
        this.users.push(user);
        return user;
    }

    /** Another tab of the same user (same wallet, same storage). */
    async newTab(user: BrowserUser, path = '/'): Promise<Page> {
        const page = await user.context.newPage();
        this.problems.watch(page, `${user.label} tab`);
        await page.goto(path);
        return page;
    }

    async screenshot(page: Page, name: string): Promise<void> {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    }

    async close(): Promise<void> {
        await Promise.all(this.users.map((u) => u.context.close().catch(() => undefined)));
        await this.browser.close();
    }
}
