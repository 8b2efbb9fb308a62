// The Payouts view in headless Chromium: a worker whose result is in a validated task's majority claims its reward
// with Claim reward, signed by its (injected) wallet and paid by the escrow on the devnet. The task and its results
// are set up through the API, with the same keys the pages' wallets hold; the liar's result is in the minority.
// The wallet declining, and an intent that expires while the wallet waits, change nothing and say so.
import { Address, toNano } from '@ton/core';
import { TonClient } from '@ton/ton';
import type { Page } from 'playwright-core';
import type { TaskView } from '../../protocol';
import { CLAIM_ATTACHED_VALUE } from '../../backend/src/tasks/taskRules';
import { hasCode } from '../../client/serviceError';
import { byTestId, logIn, openView } from './harness/appActions';
import { ApiUser } from './harness/apiUser';
import { BrowserHarness } from './harness/browserHarness';
import { TestWallet } from './harness/testWallet';
import { startWebStack, WebStack } from './harness/webStack';

const REDUNDANCY = 3;

describe('Payouts, in a real browser', () => {
    let stack: WebStack;
    let browser: BrowserHarness;
    let client: TonClient;
    let requester: ApiUser;
    let liar: ApiUser;
    let alice: ApiUser;
    let bob: ApiUser;

    beforeAll(async () => {
        stack = await startWebStack();
        browser = await BrowserHarness.launch(stack.url);
        client = new TonClient({ endpoint: stack.tonEndpoint });
        const user = async (name: string, grant: bigint) => {
            const wallet = await TestWallet.create(name, stack.tonEndpoint);
            await stack.fund(wallet.address, grant);
            return new ApiUser(stack, wallet);
        };
        [requester, liar, alice, bob] = await Promise.all([user('requester', toNano('10')), user('liar', toNano('1')), user('alice', toNano('1')), user('bob', toNano('1'))]);
    }, 180_000);

    afterAll(async () => {
        await browser?.close();
        await stack?.stop();
    });

    afterEach(() => expect(browser.problems.take()).toEqual([]));

    /** A funded task that `honest` validated with matching results, out-voting the liar's. */
    async function validatedTask(honest: ApiUser[], deadlineIn: number): Promise<TaskView> {
        const created = await requester.createTask({ operation: 'hash', input: { text: `claim me ${Date.now()}` }, budget: toNano('1'), redundancy: REDUNDANCY, deadlineIn });
        expect(created.redundancy).toBe(REDUNDANCY);
        await requester.fund(created);
        for (const worker of honest) await worker.submit(created.task_id, { digest: 'the right one' });
        await liar.submit(created.task_id, { digest: 'a wrong one' });
        return requester.taskReaches(created.task_id, ['validated']);
    }

    async function payoutsPage(worker: ApiUser): Promise<Page> {
        const { page } = await browser.user(worker.wallet.name, worker.wallet, '/payouts');
        await logIn(page);
        await openView(page, 'payouts');
        return page;
    }

    const rowOf = (page: Page, taskId: string) => page.locator(`[data-testid="payout-row"][data-task-id="${taskId}"]`);
    const rowState = (page: Page, taskId: string, state: string) =>
        page.locator(`[data-testid="payout-row"][data-task-id="${taskId}"][data-state="${state}"]`);

    it('an honest worker claims its reward with one click: declined first (nothing sent), then paid on chain; the liar has nothing to claim', async () => {
        const task = await validatedTask([alice, bob], 600);
        const page = await payoutsPage(alice);
        const row = rowOf(page, task.task_id);
        await rowState(page, task.task_id, 'claimable').waitFor();
        const [listed] = (await alice.payouts()).payouts.filter((p) => p.task_id === task.task_id);
        await expect(row.locator('[data-testid="payout-reward"]').getAttribute('data-nanotons')).resolves.toBe(listed.executor_reward);
        await expect(row.locator('[data-testid="payout-fee"]').getAttribute('data-nanotons')).resolves.toBe(listed.platform_fee);
        await browser.screenshot(page, 'payouts-claimable');

        alice.wallet.user.sendTransaction = 'reject';
        await row.locator('[data-testid="claim-button"]').click();
        await row.locator('[data-testid="claim-message"]', { hasText: /declined.*nothing was sent/ }).waitFor();
        await rowState(page, task.task_id, 'claimable').waitFor();
        expect(alice.wallet.sentBocs).toEqual([]);

        alice.wallet.user.sendTransaction = 'approve';
        const before = await client.getBalance(alice.wallet.address);
        await row.locator('[data-testid="claim-button"]').click();
        const paidRow = page.locator(`[data-testid="payouts-paid"] [data-task-id="${task.task_id}"]`);
        await paidRow.locator('[data-testid="payout-received"]').waitFor({ timeout: 30_000 });
        await expect(paidRow.locator('[data-testid="payout-received"]').getAttribute('data-nanotons')).resolves.toBe(listed.executor_reward);
        expect(alice.wallet.sentBocs).toHaveLength(1);
        // The reward arrived, with what the escrow did not use of the gas attached; the wallet paid its own fees.
        const gained = (await client.getBalance(alice.wallet.address)) - before;
        expect(gained).toBeGreaterThan(BigInt(listed.executor_reward) - CLAIM_ATTACHED_VALUE);
        expect(gained).toBeLessThan(BigInt(listed.executor_reward));
        expect((await alice.payouts()).payouts.find((p) => p.task_id === task.task_id)?.paid).not.toBeNull();
        await browser.screenshot(page, 'payouts-paid');

        expect((await liar.payouts()).payouts.filter((p) => p.task_id === task.task_id)).toEqual([]);
        const refusal = await liar.call('POST', '/api/v1/payments/payout-intent', { task_id: task.task_id, executor_address: liar.wallet.address.toRawString() }).catch((e) => e);
        expect(hasCode(refusal, 'NOT_IN_MAJORITY')).toBe(true);
    });

    // A task whose deadline has passed by the end of the test that makes it.
    let shortTask: TaskView;

    it('a claim whose intent expires while the wallet waits is refused with a message, and nothing is sent', async () => {
        // The service hands out an intent only while a minute is left before the deadline, and then signs it to the
        // deadline: a short task makes an intent that expires about a minute after it is fetched.
        const task = (shortTask = await validatedTask([bob, alice], 75));
        const page = await payoutsPage(bob);
        const row = rowOf(page, task.task_id);
        await rowState(page, task.task_id, 'claimable').waitFor();
        bob.wallet.user.thinkPastValidUntil = true;
        await row.locator('[data-testid="claim-button"]').click();
        await expect(row.locator('[data-testid="claim-button"]').isDisabled()).resolves.toBe(true);
        const message = row.locator('[data-testid="claim-message"]');
        await message.filter({ hasText: /expired before it was signed/ }).waitFor({ timeout: 90_000 });
        expect(bob.wallet.requests).toHaveLength(1);
        expect(bob.wallet.sentBocs).toEqual([]);
        await browser.screenshot(page, 'payouts-intent-expired');

        // A fresh intent would come after the escrow's deadline, so the page says the reward can no longer be claimed.
        bob.wallet.user.thinkPastValidUntil = false;
        // The page knows the service signs no intent this close to the deadline, and says so without asking.
        await row.locator('[data-testid="claim-button"]').click();
        await message.filter({ hasText: /deadline has passed/ }).waitFor();
        expect(bob.wallet.sentBocs).toEqual([]);
        expect((await bob.payouts()).payouts.find((p) => p.task_id === task.task_id)?.paid ?? null).toBeNull();
    }, 180_000);

    it("after the deadline the requester closes the escrow in the Requester view, and the unspent budget comes back", async () => {
        const { page } = await browser.user('requester', requester.wallet, '/requester');
        await logIn(page);
        await openView(page, 'requester');
        const card = page.locator(`[data-testid="task-card"][data-task-id="${shortTask.task_id}"]`);
        const escrow = Address.parse(shortTask.escrow_address);
        const held = await client.getBalance(escrow);
        const before = await client.getBalance(requester.wallet.address);
        await card.locator('[data-testid="close-task"]').click();
        await card.locator('[data-testid="task-closed"]').waitFor({ timeout: 90_000 });
        await browser.screenshot(page, 'requester-closed');
        // Nothing was claimed: the escrow held the whole budget, and its balance went back to the requester.
        expect(held).toBeGreaterThan(toNano('1'));
        expect(await client.getBalance(escrow)).toBe(0n);
        const refunded = (await client.getBalance(requester.wallet.address)) - before;
        expect(refunded).toBeGreaterThan(toNano('1'));
        expect(refunded).toBeLessThan(held);
    });
});
