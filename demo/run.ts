// `npm run demo`: the whole system on the local devnet — a requester posts and funds tasks, honest, lying and
// dropping-out workers compete for them, the escrows pay and close — then every nanoton is accounted for.
// The last line printed is a JSON summary; the exit status is non-zero unless the money reconciles.
import { rmSync } from 'node:fs';
import { Address } from '@ton/core';
import { mnemonicNew } from '@ton/crypto';
import { TonClient } from '@ton/ton';
import { EscrowMaster } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { DeviceView, TaskView } from '../protocol';
import { HttpTransport } from '../client/httpTransport';
import { ServiceSession } from '../client/serviceSession';
import { walletFromMnemonic } from '../client/wallet';
import { killAllChildrenNow, stopAllChildren } from './childProcesses';
import { closeEscrows } from './closeEscrows';
import { demoConfig } from './config';
import { latestLt, transactionsSince } from './ledger';
import { AccountWindow, reconcile } from './reconcile';
import { reconciliationTable, taskOutcome, taskTable, workerTable } from './report';
import { FundedTask, masterOf, Requester } from './requester';
import { faucet, RunningService, startService, stopService } from './service';
import { DemoProgress } from './progress';
import { planTasks } from './taskPlan';
import { DemoWorker, newWorker, startWorker, stopWorker, WorkerReports } from './workers';

const FINAL = new Set(['validated', 'failed', 'expired']);
const started = Date.now();

function say(line: string): void {
    process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${line}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The account's balance and latest transaction now: where its window in the reconciliation starts. */
async function snapshot(client: TonClient, address: Address) {
    return { balance: await client.getBalance(address), lt: await latestLt(client, address) };
}

async function windowOf(client: TonClient, name: string, address: Address, before: bigint, sinceLt: bigint): Promise<AccountWindow> {
    return { name, address, before, after: await client.getBalance(address), entries: await transactionsSince(client, address, sinceLt) };
}

async function devicesOf(service: RunningService, worker: DemoWorker): Promise<DeviceView | undefined> {
    const http = new HttpTransport(service.url);
    const session = new ServiceSession(http, worker.wallet, service.proofDomain);
    const { devices } = await session.authorized((token) => http.json<{ devices: DeviceView[] }>({ method: 'GET', path: '/api/v1/devices', token }));
    return devices.find((d) => d.name === worker.name);
}

async function main(): Promise<number> {
    const config = demoConfig(process.env);
    const progress = new DemoProgress(say);
    progress.stage('start the devnet and the service');
    say(`starting the service on the local devnet (${config.tasks} tasks, workers: ${config.behaviours.join(', ')})`);
    const service = await startService();
    say(`service healthy at ${service.url}, on the devnet at ${service.devnet.url} (toncenter API ${service.tonEndpoint})`);
    say(`web app at ${service.url}/ (usable while the demo runs: connect a TonConnect wallet there)`);
    const client = new TonClient({ endpoint: service.tonEndpoint });

    progress.stage('log the requester in and upload the modules');
    const requesterWallet = await walletFromMnemonic(await mnemonicNew(), 'v4', service.network);
    const requesterStartLt = await faucet(service, requesterWallet.address, config.requesterGrant);
    const requesterBefore = await client.getBalance(requesterWallet.address);
    const requester = new Requester(service.url, requesterWallet, service.proofDomain, client);
    const modules = await requester.uploadModules();
    say(`requester ${requesterWallet.address.toRawString()} logged in with ton_proof, uploaded ${modules.size} modules`);

    // The workers, funded for gas and started first: they take a while to start, and the deadlines run from creation.
    progress.stage('fund and start the workers');
    const reports = new WorkerReports();
    const workers: DemoWorker[] = [];
    for (const [i, behaviour] of config.behaviours.entries()) {
        const fresh = await newWorker(i, behaviour, service.network);
        const startLt = await faucet(service, fresh.wallet.address, config.workerGrant);
        workers.push({ ...fresh, startLt });
    }
    const workersBefore = await Promise.all(workers.map((w) => client.getBalance(w.wallet.address)));
    for (const worker of workers) startWorker(worker, service, reports, say);
    say(`started ${workers.length} worker processes`);
    const readyBy = Date.now() + 90_000;
    while (reports.ready.size < workers.length) {
        if (Date.now() > readyBy) throw new Error(`only ${reports.ready.size} of ${workers.length} workers connected within 90 s`);
        await sleep(250);
    }
    // Each device's trust before any task: the summary shows how the results moved it.
    const trustBefore = (await Promise.all(workers.map((w) => devicesOf(service, w)))).map((d) => d?.trust.score ?? null);
    progress.stage('create and fund the tasks');
    const created = [];
    for (const plan of planTasks(config.tasks)) created.push(await requester.createTask(plan, modules.get(plan.operation)!, config));
    const master = masterOf(created[0]);
    const masterStart = await snapshot(client, master);
    const { treasury } = await client.open(EscrowMaster.fromAddress(master)).getConfig();
    const treasuryStart = await snapshot(client, treasury);
    say(`master ${master}, treasury ${treasury}`);

    const funded: FundedTask[] = [];
    for (const task of created) {
        funded.push(await requester.fund(task));
        say(`task ${task.task_id} (${task.operation}) funded: escrow ${task.escrow_address}, redundancy ${task.redundancy}, reward ${task.reward_per_result} per result`);
    }

    // Until every task is decided and every truthful result's claim has ended, or the deadline has passed.
    progress.stage('work: workers compute, the service validates, the escrows pay');
    const deadline = Math.max(...created.map((t) => t.deadline));
    const statuses = new Map<string, string>();
    let views: TaskView[] = [];
    for (;;) {
        views = await Promise.all(funded.map((t) => requester.call<TaskView>('GET', `/api/v1/tasks/${t.view.task_id}`)));
        for (const v of views) {
            if (statuses.get(v.task_id) !== v.status) say(`task ${v.task_id}: ${v.status}`);
            statuses.set(v.task_id, v.status);
        }
        const done = views.filter((v) => FINAL.has(v.status) && (v.status !== 'validated' || reports.claimsSettled(v.task_id)));
        progress.tasksDone(done.length, views.length, `${views.filter((v) => v.status === 'validated').length} validated, ${reports.claimsPaid} claims paid`);
        const settled = done.length === views.length;
        if (settled) {
            say('every task settled; stopping the workers');
            break;
        }
        if (Date.now() / 1000 > deadline) {
            say('the deadline passed before every task settled; stopping the workers');
            break;
        }
        await sleep(1_000);
    }
    await Promise.all(workers.map(stopWorker));
    progress.stage('close the escrows and reconcile');

    const waitSeconds = deadline + 2 - Date.now() / 1000;
    if (waitSeconds > 0) {
        say(`waiting ${Math.ceil(waitSeconds)} s for the escrows' deadline, then closing them for the refunds`);
        await sleep(waitSeconds * 1000);
    }
    const closed = await closeEscrows(client, requesterWallet, funded.map((t) => t.escrow));
    say(`closed ${closed} escrows with CloseTask`);

    const devices = await Promise.all(workers.map((w) => devicesOf(service, w)));
    const requesterWindow = await windowOf(client, 'requester', requesterWallet.address, requesterBefore, requesterStartLt);
    const escrowWindows = await Promise.all(funded.map((t) => windowOf(client, `escrow ${t.view.task_id}`, t.escrow, 0n, 0n)));
    const system = [await windowOf(client, 'master', master, masterStart.balance, masterStart.lt), ...escrowWindows];
    const treasuryWindow = await windowOf(client, 'treasury', treasury, treasuryStart.balance, treasuryStart.lt);
    const workerWindows = await Promise.all(workers.map((w, i) => windowOf(client, w.name, w.wallet.address, workersBefore[i], w.startLt)));
    const result = reconcile(requesterWindow, system, treasuryWindow, workerWindows);

    const workerAddresses = workers.map((w) => w.wallet.address);
    const tasks = views.map((v, i) => taskOutcome(v, escrowWindows[i].entries, workerAddresses, treasury, requesterWallet.address));
    const escrowEntries = escrowWindows.flatMap((w) => w.entries);
    const workerRows = workers.map((worker, i) => {
        const address = worker.wallet.address;
        const received = escrowEntries.flatMap((e) => e.sent).filter((m) => m.to.equals(address)).reduce((s, m) => s + m.value, 0n);
        const gas = escrowEntries.filter((e) => e.from?.equals(address)).reduce((s, e) => s + e.received, 0n);
        return { worker, device: devices[i], received, netFromEscrows: received - gas, earned: workerWindows[i].after - workerWindows[i].before };
    });
    const liarsPaid = workerRows.filter((r) => r.worker.behaviour === 'liar' && r.received > 0n).length;
    const workerSummary = workerRows.map((r, i) => ({
        name: r.worker.name,
        behaviour: r.worker.behaviour,
        trustBefore: trustBefore[i],
        trustAfter: r.device?.trust.score ?? null,
        receivedFromEscrows: r.received.toString(),
    }));

    process.stdout.write(`\nTasks\n${taskTable(tasks)}\n\nWorkers\n${workerTable(workerRows)}\n\n${reconciliationTable(result)}\n\n`);
    const summary = {
        tasks: tasks.length,
        validated: tasks.filter((t) => t.view.status === 'validated').length,
        claimsPaid: tasks.reduce((n, t) => n + t.payouts.length, 0),
        liarsPaid,
        workers: workerSummary,
        spent: result.spent.toString(),
        accounted: result.accounted.toString(),
        seconds: Math.round((Date.now() - started) / 1000),
        reconciled: result.reconciled,
    };
    await stopService(service);
    rmSync(service.dataDir, { recursive: true, force: true });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return result.reconciled ? 0 : 1;
}

process.on('exit', killAllChildrenNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
        process.stderr.write(`\n${signal}: stopping the service and the workers\n`);
        stopAllChildren().finally(() => process.exit(130));
    });
}

main().then(
    (code) => process.exit(code),
    (error: Error) => {
        process.stderr.write(`demo failed: ${error.stack ?? error.message}\n`);
        stopAllChildren().finally(() => process.exit(1));
    },
);
