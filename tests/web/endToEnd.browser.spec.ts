// The whole pull model in real browsers, on the devnet and the service as processes: a requester page creates and
// funds a task; two browser workers (two pages, two injected wallets) and one CLI worker that lies compute it; each
// honest browser worker clicks Claim reward; the chain shows both payouts, the liar gets nothing, and every nanoton
// the requester spent is accounted for (demo/reconcile.ts). Then the service restarts under the running worker
// pages: they reconnect and carry on with the next task.
import { Address, toNano } from '@ton/core';
import { TonClient } from '@ton/ton';
import type { Page } from 'playwright-core';
import { EscrowMaster } from '../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import type { CreatedTask, TaskView } from '../../protocol';
import { latestLt, transactionsSince } from '../../demo/ledger';
import { AccountWindow, reconcile } from '../../demo/reconcile';
import type { RunningService } from '../../demo/service';
import { DemoWorker, newWorker, startWorker, stopWorker, WorkerReports } from '../../demo/workers';
import { byTestId, logIn, openView } from './harness/appActions';
import { ApiUser } from './harness/apiUser';
import { BrowserHarness, BrowserUser } from './harness/browserHarness';
import { TestWallet } from './harness/testWallet';
import { startWebStack, WebStack } from './harness/webStack';

const REDUNDANCY = 3;
const WORKER_GRANT = toNano('1');

interface Account {
    address: Address;
    before: bigint;
    sinceLt: bigint;
}

describe('the pull model end to end, in real browsers', () => {
    let stack: WebStack;
    let browser: BrowserHarness;
    let client: TonClient;
    let requester: ApiUser;
    let requesterAccount: Account;
    let requesterPage: Page;
    const workers: { user: BrowserUser; api: ApiUser; account: Account }[] = [];
    let liar: DemoWorker;
    let liarAccount: Account;
    const reports = new WorkerReports();
    const liarLines: string[] = [];

    /** Funded by the faucet: its window in the reconciliation starts with that credit. */
    async function fundedAccount(address: Address, amount: bigint): Promise<Account> {
        const sinceLt = await stack.fund(address, amount);
        return { address, before: await client.getBalance(address), sinceLt };
    }

    beforeAll(async () => {
        stack = await startWebStack();
        browser = await BrowserHarness.launch(stack.url);
        client = new TonClient({ endpoint: stack.tonEndpoint });

        const requesterWallet = await TestWallet.create('requester', stack.tonEndpoint);
        requesterAccount = await fundedAccount(requesterWallet.address, toNano('10'));
        requester = new ApiUser(stack, requesterWallet);
        requesterPage = (await browser.user('requester', requesterWallet, '/requester')).page;

        for (const name of ['alice', 'bob']) {
            const wallet = await TestWallet.create(name, stack.tonEndpoint);
            const account = await fundedAccount(wallet.address, WORKER_GRANT);
            const user = await browser.user(name, wallet, '/worker');
            workers.push({ user, api: new ApiUser(stack, wallet), account });
        }
        const fresh = await newWorker(2, 'liar', 'mainnet'); // the devnet's global id is mainnet's
        liarAccount = await fundedAccount(fresh.wallet.address, WORKER_GRANT);
        liar = { ...fresh, startLt: liarAccount.sinceLt };
        // The demo's worker process reads these three fields of the service it works for.
        startWorker(liar, { url: stack.url, tonEndpoint: stack.tonEndpoint, proofDomain: stack.proofDomain } as RunningService, reports, (line) => liarLines.push(line));
    }, 180_000);

    afterAll(async () => {
        if (liar) await stopWorker(liar);
        await browser?.close();
        await stack?.stop();
    });

    afterEach(() => expect(browser.problems.take()).toEqual([]));

    async function startBrowserWorker(page: Page): Promise<void> {
        await logIn(page);
        await openView(page, 'worker');
        await byTestId(page, 'worker-start').click();
        await page.locator('[data-testid="worker-state"][data-state="running"]').waitFor({ timeout: 30_000 });
    }

    async function liarReady(): Promise<void> {
        for (const until = Date.now() + 60_000; !reports.ready.has(liar.name); await new Promise((r) => setTimeout(r, 250))) {
            if (Date.now() > until) throw new Error(`the lying CLI worker did not connect within 60 s:\n${liarLines.join('\n')}`);
        }
    }

    /** The requester orders a hash chain in the Requester view and funds it with its wallet; answers the task's id. */
    async function fundedTask(seed: number): Promise<string> {
        const page = requesterPage;
        await openView(page, 'requester');
        await byTestId(page, 'task-module').selectOption('hash-chain');
        await byTestId(page, 'task-input').fill(JSON.stringify({ seed, rounds: 5_000 }));
        await byTestId(page, 'task-budget').fill('1');
        await byTestId(page, 'task-redundancy').fill(String(REDUNDANCY));
        await byTestId(page, 'task-min-trust').fill('0');
        await byTestId(page, 'task-deadline').fill('10');
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST');
        await byTestId(page, 'create-task').click();
        const created = (await (await answer).json()) as CreatedTask;
        expect(created.redundancy).toBe(REDUNDANCY);
        const card = page.locator(`[data-testid="task-card"][data-task-id="${created.task_id}"]`);
        await card.locator('[data-testid="fund-task"]').click();
        await page.locator(`[data-testid="task-card"][data-task-id="${created.task_id}"]:not([data-status="awaiting_escrow"])`).waitFor({ timeout: 30_000 });
        return created.task_id;
    }

    /** Waits until the page's worker has `count` results judged valid. */
    const validResults = (page: Page, count: number) =>
        page.locator('[data-testid="worker-valid"]', { hasText: new RegExp(`^${count}$`) }).waitFor({ timeout: 90_000 });

    async function claimInBrowser(page: Page, taskId: string): Promise<void> {
        await openView(page, 'payouts');
        const row = page.locator(`[data-testid="payouts-unpaid"] [data-testid="payout-row"][data-task-id="${taskId}"]`);
        await row.locator('[data-testid="claim-button"]').click();
        await page.locator(`[data-testid="payouts-paid"] [data-task-id="${taskId}"] [data-testid="payout-received"]`).waitFor({ timeout: 30_000 });
    }

    async function windowOf(name: string, account: Account): Promise<AccountWindow> {
        return {
            name,
            address: account.address,
            before: account.before,
            after: await client.getBalance(account.address),
            entries: await transactionsSince(client, account.address, account.sinceLt),
        };
    }

    it('a requester page funds a task, two browser workers and a lying CLI worker compute it, each honest one claims in the browser; the money reconciles to the nanoton', async () => {
        await Promise.all([...workers.map((w) => startBrowserWorker(w.user.page)), logIn(requesterPage)]);
        await liarReady();
        await browser.screenshot(workers[0].user.page, 'worker-running');

        // The master and the treasury existed before: their windows start now, before the funding reaches the master.
        const master = Address.parse(stack.devnet.info.master);
        const { treasury } = await client.open(EscrowMaster.fromAddress(master)).getConfig();
        const masterAccount = { address: master, before: await client.getBalance(master), sinceLt: await latestLt(client, master) };
        const treasuryAccount = { address: treasury, before: await client.getBalance(treasury), sinceLt: await latestLt(client, treasury) };
        const taskId = await fundedTask(7);
        await browser.screenshot(requesterPage, 'requester-funded');

        const view: TaskView = await requester.taskReaches(taskId, ['validated', 'failed', 'expired'], 120_000);
        expect(view.status).toBe('validated');
        // The liar took the third slot and submitted a falsified output, which the two browser results out-voted.
        expect(liarLines.filter((line) => line.includes(`task ${taskId}: result submitted (output replaced`))).toHaveLength(1);
        await Promise.all(workers.map((w) => validResults(w.user.page, 1)));
        await browser.screenshot(workers[0].user.page, 'worker-valid-result');

        for (const w of workers) await claimInBrowser(w.user.page, taskId);
        await browser.screenshot(workers[1].user.page, 'payouts-paid-after-work');

        // The requester's page shows the canonical result and who was paid: both browser workers, not the liar.
        const card = requesterPage.locator(`[data-testid="task-card"][data-task-id="${taskId}"][data-status="validated"]`);
        await card.locator('[data-testid="task-result"]').waitFor();
        for (const w of workers) {
            await card.locator(`[data-testid="task-worker"][data-wallet="${w.account.address.toRawString()}"][data-verdict="valid"][data-paid="true"]`).waitFor({ timeout: 15_000 });
        }
        await card.locator(`[data-testid="task-worker"][data-wallet="${liarAccount.address.toRawString()}"][data-verdict="invalid"][data-paid="false"]`).waitFor();
        await browser.screenshot(requesterPage, 'requester-validated');
        await openView(requesterPage, 'operator');
        await byTestId(requesterPage, 'stat-connected').waitFor();
        await browser.screenshot(requesterPage, 'operator');

        // The chain: the escrow paid each honest browser worker once, and the liar nothing.
        const escrow = Address.parse(view.escrow_address);
        const escrowAccount = { address: escrow, before: 0n, sinceLt: 0n };
        const escrowWindow = await windowOf('escrow', escrowAccount);
        const paidTo = (address: Address) => escrowWindow.entries.flatMap((e) => e.sent).filter((m) => m.to.equals(address));
        for (const w of workers) expect(paidTo(w.account.address)).toHaveLength(1);
        expect(paidTo(liarAccount.address)).toEqual([]);
        expect((await requester.task(taskId)).status).toBe('validated');

        const result = reconcile(
            await windowOf('requester', requesterAccount),
            [await windowOf('master', masterAccount), escrowWindow],
            await windowOf('treasury', treasuryAccount),
            [...(await Promise.all(workers.map((w) => windowOf(w.user.label, w.account)))), await windowOf(liar.name, liarAccount)],
        );
        expect(result.unexplained).toEqual([]);
        expect(result.accounted).toBe(result.spent);
        expect(result.reconciled).toBe(true);
        expect(result.paidToWorkers).toBeGreaterThan(0n);
    });

    it('the service restarts while the worker pages are connected: they reconnect and compute the next task', async () => {
        const pages = workers.map((w) => w.user.page);
        for (const page of pages) await openView(page, 'worker');
        // While the service stops (503 while closing) and is down (connection refused), Chromium itself reports each
        // failed request on the console; the pages handle them.
        browser.problems.allow(/console error: (WebSocket connection to '[^']*' failed|Failed to load resource): .*(ERR_CONNE|status of 503)/);
        const restarted = stack.restartService();
        await Promise.all(pages.map((page) => page.locator('[data-testid="worker-state"][data-state="reconnecting"]').waitFor({ timeout: 30_000 })));
        await browser.screenshot(pages[0], 'worker-reconnecting');
        await restarted;
        await Promise.all(pages.map((page) => page.locator('[data-testid="worker-state"][data-state="running"]').waitFor({ timeout: 60_000 })));
        // The next task reaches them over their new connections.
        const taskId = await fundedTask(8);
        await Promise.all(pages.map((page) => validResults(page, 2)));
        expect((await requester.taskReaches(taskId, ['validated'], 60_000)).status).toBe('validated');
    });
});
