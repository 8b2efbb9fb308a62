// Workers end to end over real HTTP and WebSocket: two funded tasks, three WorkerClients (one a liar) running
// real modules; the tasks validate, the honest workers claim by sending the intent's comment from their wallets
// and the escrows pay them, the liar is never paid. A dropout claims, vanishes, and is seen to. The liar and the
// dropout are the demo's (demo/behaviours.ts): task hooks that replace the output or abandon the task.
import { Address } from '@ton/core';
import { canonicalResultHash, initialTrust, splitPayout } from '../../../backend/src/domain';
import { CLAIM_ATTACHED_VALUE } from '../../../backend/src/tasks/taskRules';
import { behaviourHooks } from '../../../demo/behaviours';
import { FEE_BPS } from '../../backend/service/serviceFixture';
import { eventsOf, workerHarness, WorkerHarness } from './workerHarness';

describe('WorkerClient against the service', () => {
    let h: WorkerHarness;
    afterEach(async () => h.close());

    it('runs two tasks with three workers: the honest two are paid on-chain by their comments, the liar (a beforeSubmit hook) never', async () => {
        h = await workerHarness();
        const { f } = h;
        const [hashChain, primeSieve] = [await h.uploadModule('hash-chain'), await h.uploadModule('prime-sieve')];
        const alice = await h.newWorker('alice', { version: 'v4', maxTasks: 2 });
        const bob = await h.newWorker('bob', { version: 'v5r1', maxTasks: 2 });
        const mallory = await h.newWorker('mallory', { version: 'v4', overrides: { hooks: behaviourHooks('liar') } });
        const honestDone = [alice, bob].map((w) => new Promise<void>((resolve) => w.client.once('done', resolve)));
        await Promise.all([alice, bob, mallory].map((w) => w.client.start()));

        const tasks = [
            await h.openTask({ operation: 'hash-chain', module_sha256: hashChain, input: { seed: 1, rounds: 1000 } }),
            await h.openTask({ operation: 'prime-sieve', module_sha256: primeSieve, input: { limit: 100_000 } }),
        ];
        await Promise.all(honestDone);
        await mallory.until((events) => eventsOf(events, 'not_paid').length === 2);

        // Consensus settled on what the modules really compute.
        const views = await Promise.all(tasks.map((t) => f.api('GET', `/api/v1/tasks/${t.task_id}`, f.requesterToken)));
        expect(views.map((v) => v.body.status)).toEqual(['validated', 'validated']);
        expect(views.map((v) => v.body.canonical_result_hash)).toEqual([canonicalResultHash({ hash: 2038722543 }), canonicalResultHash({ count: 9592 })]);

        const reward = splitPayout(BigInt(tasks[0].reward_per_result), FEE_BPS).executorReward;
        expect(BigInt(tasks[1].reward_per_result)).toBe(BigInt(tasks[0].reward_per_result));
        for (const worker of [alice, bob]) {
            const summary = await worker.client.summary();
            const { earnings } = summary;
            expect(earnings.tasks_paid).toBe(2);
            expect(earnings.paid.map((p) => p.task_id).sort()).toEqual(tasks.map((t) => t.task_id).sort());
            expect(earnings.paid.every((p) => p.executor_reward === reward.toString())).toBe(true);
            expect(earnings.reward_total).toBe((2n * reward).toString());
            // The wallet gained both rewards less what the two claims burned in gas, never more than the rewards.
            const delta = BigInt(earnings.balance_delta!);
            expect(delta).toBeGreaterThan(2n * (reward - CLAIM_ATTACHED_VALUE));
            expect(delta).toBeLessThan(2n * reward);
            expect(BigInt(earnings.balance_end!)).toBe((await f.blockchain.getContract(worker.wallet.address)).balance);
            expect(eventsOf(worker.events, 'claim_sent')).toHaveLength(2);
            expect(summary.counts.execution_failed).toBeUndefined();
            expect(eventsOf(worker.events, 'submitted').map((s) => s.output_replaced)).toEqual([false, false]);
        }

        const liar = (await mallory.client.summary()).earnings;
        expect(liar.tasks_paid).toBe(0);
        expect(liar.not_paid.map((n) => n.reason)).toEqual(['invalid_result', 'invalid_result']);
        expect(liar.balance_delta).toBe('0');
        expect(eventsOf(mallory.events, 'submitted').map((s) => s.output_replaced)).toEqual([true, true]);
        expect(eventsOf(mallory.events, 'claim_sent')).toEqual([]);

        // The escrows paid exactly the two honest wallets, through their text-comment claims.
        for (const task of tasks) {
            const claims = await f.chain.claimsOf(Address.parse(task.escrow_address));
            const paid = claims.map((c) => c.executor.toRawString()).sort();
            expect(paid).toEqual([alice.wallet.address.toRawString(), bob.wallet.address.toRawString()].sort());
        }
    });

    it('a dropout (an afterClaim hook) claims a slot, disconnects before submitting, reconnects, and loses stability', async () => {
        h = await workerHarness();
        const { f } = h;
        const sha256 = await h.uploadModule('hash-chain');
        const dave = await h.newWorker('dave', { overrides: { hooks: behaviourHooks('dropout') } });
        await dave.client.start();
        const task = await h.openTask({ operation: 'hash-chain', module_sha256: sha256, input: { seed: 7, rounds: 10 } });
        await dave.until((events) => events.some((e) => e.type === 'connected' && e.reconnect));

        expect(eventsOf(dave.events, 'claimed').map((c) => c.task_id)).toEqual([task.task_id]);
        expect(eventsOf(dave.events, 'abandoned').map((d) => d.task_id)).toEqual([task.task_id]);
        expect(eventsOf(dave.events, 'submitted')).toEqual([]);
        const { device_id } = (await dave.client.summary());
        const token = await f.sessionOf(dave.wallet.address);
        const trust = (await f.api('GET', `/api/v1/devices/${device_id}`, token)).body.trust;
        expect(trust.stability).toBeLessThan(initialTrust().stability);
    });

    it('an execution that fails is reported and nothing is submitted', async () => {
        h = await workerHarness();
        const { f } = h;
        const sha256 = await h.uploadModule('prime-sieve');
        // 2^31−1 needs a gigabyte of sieve: far over this worker's memory cap, so the module reports memory_limit.
        const erin = await h.newWorker('erin', { overrides: { limits: { timeMs: 5_000, memoryBytes: 1 << 20 } } });
        await erin.client.start();
        const task = await h.openTask({ operation: 'prime-sieve', module_sha256: sha256, input: { limit: 2 ** 31 - 1 } });
        await erin.until((events) => events.some((e) => e.type === 'execution_failed'));

        expect(eventsOf(erin.events, 'execution_failed')).toEqual([
            expect.objectContaining({ task_id: task.task_id, reason: 'memory_limit' }),
        ]);
        expect(eventsOf(erin.events, 'submitted')).toEqual([]);
        const view = await f.api('GET', `/api/v1/tasks/${task.task_id}`, f.requesterToken);
        expect(view.body.status).toBe('open');
    });
});
