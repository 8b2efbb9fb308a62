// A worker process in one object: logs in with its wallet, registers (or reuses) its device, takes offers from
// the hub, runs them, and claims its rewards on-chain (or, with claims off, leaves them to the executor to claim).
// start() and stop(); progress arrives as events.
import { EventEmitter } from 'node:events';
import { ExecutionLimits } from '../execute';
import { DeviceView, TaskView } from '../../../protocol';
import { workloadNames } from './capabilities';
import { ClaimSender } from '../../../client/claimSender';
import { ensureDevice } from './deviceSetup';
import { claimFundsWarning } from './claimFunds';
import { EarningsReport, Earnings } from './earnings';
import { DEFAULT_HTTP_TIMEOUT_MS, HttpTransport } from '../../../client/httpTransport';
import { DEFAULT_HUB_TIMING, HubConnection, HubTiming, hubUrlOf } from '../../../client/hubConnection';
import { ModuleCache } from './moduleCache';
import { openNodeHubSocket } from '../../../client/nodeHubSocket';
import { OfferQueue } from './offerQueue';
import { ClaimMode, DEFAULT_PAYOUT_TIMING, PayoutClaimer, PayoutOutcome, PayoutTiming } from './payoutClaimer';
import { retryTransient } from '../../../client/retryTransient';
import { ServiceApi } from '../../../client/serviceApi';
import { ServiceError } from '../../../client/serviceError';
import { ServiceSession } from '../../../client/serviceSession';
import { TaskHooks } from './taskHooks';
import { DEFAULT_LIMITS, runTask, RunOutcome } from './taskRunner';
import { WorkerWallet } from '../../../client/wallet';
import { WorkerEvent } from './workerEvents';

export interface WorkerTiming extends HubTiming, PayoutTiming {
    httpTimeoutMs: number;
}

export const DEFAULT_WORKER_TIMING: WorkerTiming = { ...DEFAULT_HUB_TIMING, ...DEFAULT_PAYOUT_TIMING, httpTimeoutMs: DEFAULT_HTTP_TIMEOUT_MS };

export interface WorkerClientOptions {
    /** http(s)://host[:port] of the service. */
    serviceUrl: string;
    wallet: WorkerWallet;
    /** How claims reach the chain, and where the balance is read: tonClientClaimSender in production. */
    claimSender: ClaimSender;
    /** `auto` (the default): claim each valid result's reward. `off`: submit only, and leave the rewards to claim by hand. */
    claims?: ClaimMode;
    deviceName: string;
    /** Workloads to offer; default every module in worker/modules/dist. */
    capabilities?: string[];
    /** Steps into each task's run (none by default): see TaskHooks. */
    hooks?: TaskHooks;
    /** Domain named in the ton_proof; default the service URL's host. */
    proofDomain?: string;
    /** Emit 'done' once this many tasks are paid (with claims off: submitted), and take no more work than that. */
    maxTasks?: number;
    /** Tasks run at once. */
    concurrency?: number;
    limits?: ExecutionLimits;
    timing?: Partial<WorkerTiming>;
    /** Milliseconds since the epoch, for proof timestamps and deadlines. */
    nowMs?: () => number;
    random?: () => number;
}

export interface WorkerSummary {
    wallet: string;
    wallet_version: string;
    device_id: string | null;
    device_name: string;
    counts: Record<string, number>;
    earnings: EarningsReport;
    /** Why the chain at the end is not the one at the start (a devnet restarted from scratch); then no balance delta. */
    chain_reset?: string;
}

/** What the worker is doing now, for a status line. */
export interface WorkerStatus {
    connected: boolean;
    /** The trust score the hub last reported; null before the first connection. */
    trust: number | null;
    /** Tasks running now. */
    running: number;
    /** Tasks submitted whose payout is still awaited. */
    awaitingPayout: number;
}

export interface WorkerClientEvents {
    progress: [WorkerEvent];
    /** maxTasks tasks are paid (with claims off: submitted). */
    done: [];
    /** The worker cannot go on (refused login, a second process on the same device); it has stopped. */
    fatal: [Error];
}

/** Logins tried at start while the service does not answer. */
const STARTUP_RETRY = { attempts: 6, backoff: { baseMs: 500, capMs: 8_000 } };

export class WorkerClient extends EventEmitter<WorkerClientEvents> {
    readonly api: ServiceApi;
    private readonly session: ServiceSession;
    private readonly hub: HubConnection;
    private readonly modules: ModuleCache;
    private readonly claimer: PayoutClaimer;
    private readonly earnings = new Earnings();
    private readonly counts: Record<string, number> = {};
    private readonly capabilities: string[];
    private readonly nowMs: () => number;
    private readonly claims: ClaimMode;
    /** Results the service accepted, counted toward maxTasks with claims off. */
    private submitted = 0;
    private device: DeviceView | null = null;
    private balanceStart: bigint | null = null;
    private readonly offers: OfferQueue;
    private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
    private connected = false;
    private trust: number | null = null;
    private doneEmitted = false;

    constructor(private readonly options: WorkerClientOptions) {
        super();
        const timing = { ...DEFAULT_WORKER_TIMING, ...options.timing };
        this.nowMs = options.nowMs ?? Date.now;
        this.claims = options.claims ?? 'auto';
        this.capabilities = options.capabilities ?? workloadNames();
        this.offers = new OfferQueue((task) => this.run(task), options.concurrency ?? 2, (running) => this.hasRoom(running));
        const http = new HttpTransport(options.serviceUrl, timing.httpTimeoutMs);
        const proofDomain = options.proofDomain ?? new URL(options.serviceUrl).host;
        this.session = new ServiceSession(http, options.wallet, proofDomain, () => Math.floor(this.nowMs() / 1000));
        this.api = new ServiceApi(http, this.session);
        this.modules = new ModuleCache((sha256) => this.api.module(sha256));
        this.claimer = new PayoutClaimer(
            this.api,
            options.claimSender,
            (outcome) => this.payoutSettled(outcome),
            (event) => this.report(event),
            timing,
            () => Math.floor(this.nowMs() / 1000),
        );
        this.hub = new HubConnection(
            {
                url: hubUrlOf(options.serviceUrl),
                openSocket: openNodeHubSocket,
                deviceId: () => this.device!.id,
                token: () => this.session.token(),
                refused: (status, code) => this.hubRefused(status, code),
                sessionExpired: async () => void (await this.session.renew()),
            },
            timing,
            options.random,
        );
        this.hub.on('connected', ({ reconnect, trust }) => {
            this.connected = true;
            this.trust = trust.score;
            this.report({ type: 'connected', reconnect, trust_score: trust.score });
            if (!reconnect) void this.takeBacklog();
        });
        this.hub.on('disconnected', ({ code, reason, retryInMs }) => {
            this.connected = false;
            this.report({ type: 'disconnected', code, reason, retry_in_ms: retryInMs });
        });
        this.hub.on('offer', (task) => this.consider(task));
        this.hub.on('trust', (trust) => {
            this.trust = trust.score;
            this.report({ type: 'trust', score: trust.score });
            // A trust change follows a verdict: one of the tasks waiting for a decision may have one now.
            this.claimer.nudge();
        });
        // The service pushes the decision and the payment: the claimer looks at once instead of at its next poll.
        this.hub.on('payoutReady', () => this.claimer.nudge());
        this.hub.on('paid', () => this.claimer.nudge());
        this.hub.on('warning', (message) => this.report({ type: 'warning', message }));
        this.hub.on('fatal', (error) => void this.fail(error));
    }

    get address(): string {
        return this.options.wallet.address.toRawString();
    }

    /** Logs in, sets up the device and resolves once the hub connection is up. */
    async start(): Promise<void> {
        if (this.state !== 'new') throw new Error('a WorkerClient starts once');
        this.state = 'running';
        await retryTransient(() => this.session.renew(), {
            ...STARTUP_RETRY,
            random: this.options.random,
            onRetry: (error, waitMs) => this.report({ type: 'warning', message: `${error.message}; trying again in ${waitMs} ms` }),
        });
        this.report({ type: 'logged_in', address: this.address });
        this.balanceStart = await this.readBalance();
        // With claims off the wallet sends nothing, so a wallet too poor to claim is no concern of this run.
        const short = this.balanceStart === null || this.claims === 'off' ? undefined : claimFundsWarning(this.balanceStart);
        if (short) this.report({ type: 'warning', message: short });
        await this.ensureDevice();
        await new Promise<void>((resolve, reject) => {
            const connected = () => {
                this.off('fatal', failed);
                resolve();
            };
            const failed = (error: Error) => {
                this.hub.off('connected', connected);
                reject(error);
            };
            this.hub.once('connected', connected);
            this.once('fatal', failed);
            this.hub.start();
        });
        if (this.claims === 'auto') this.claimer.start();
    }

    /** Stops taking work, lets what runs finish, and reports. */
    async stop(): Promise<WorkerSummary> {
        if (this.state === 'running') {
            this.state = 'stopping';
            await this.hub.stop();
            await this.offers.close();
            await this.claimer.stop();
            this.state = 'stopped';
        }
        return this.summary();
    }

    status(): WorkerStatus {
        return { connected: this.connected, trust: this.trust, running: this.offers.runningCount, awaitingPayout: this.claimer.pending };
    }

    async summary(): Promise<WorkerSummary> {
        return {
            wallet: this.address,
            wallet_version: this.options.wallet.version,
            device_id: this.device?.id ?? null,
            device_name: this.options.deviceName,
            counts: { ...this.counts },
            earnings: this.earnings.report(this.balanceStart, await this.readBalance()),
        };
    }

    private consider(task: TaskView): void {
        this.report({ type: 'offer', task_id: task.task_id, operation: task.operation, reward: task.reward_per_result });
        if (this.capabilities.includes(task.operation) && task.module_sha256 !== null) this.offers.add(task);
    }

    /** Below maxTasks, counting what runs and what is paid or awaits payment (with claims off: what was submitted). */
    private hasRoom(running: number): boolean {
        const max = this.options.maxTasks;
        const counted = this.claims === 'off' ? this.submitted : this.earnings.paidCount + this.claimer.pending;
        return max === undefined || counted + running < max;
    }

    private async run(task: TaskView): Promise<RunOutcome | null> {
        try {
            const outcome = await runTask(task, {
                hub: this.hub,
                api: this.api,
                modules: this.modules,
                deviceId: this.device!.id,
                hooks: this.options.hooks ?? {},
                limits: this.options.limits ?? DEFAULT_LIMITS,
                emit: (event) => this.report(event),
            });
            if (outcome.kind === 'submitted') {
                if (this.claims === 'auto') this.claimer.watch(task);
                else this.leaveToClaim(task.task_id);
            }
            return outcome;
        } catch (error) {
            this.report({ type: 'warning', message: `task ${task.task_id}: ${(error as Error).message}` });
            return null;
        }
    }

    /** Claims off: the result is in, and its reward, if it wins, is the executor's to claim by hand. */
    private leaveToClaim(taskId: string): void {
        this.submitted++;
        this.earnings.recordLeftToClaim(taskId);
        this.doneAfter(this.submitted);
    }

    private payoutSettled(outcome: PayoutOutcome): void {
        if (outcome.kind === 'paid') {
            const paid = { task_id: outcome.taskId, executor_reward: outcome.executorReward.toString(), credited: outcome.credited?.toString() ?? null };
            this.earnings.recordPaid(paid);
            this.report({ type: 'paid', ...paid });
        } else {
            this.earnings.recordNotPaid(outcome.taskId, outcome.reason, outcome.detail);
            this.report({ type: 'not_paid', task_id: outcome.taskId, reason: outcome.reason, detail: outcome.detail });
        }
        this.doneAfter(this.earnings.paidCount);
        this.offers.pump();
    }

    /** Emits 'done' once, when `count` reaches maxTasks. */
    private doneAfter(count: number): void {
        const max = this.options.maxTasks;
        if (max !== undefined && count >= max && !this.doneEmitted) {
            this.doneEmitted = true;
            this.emit('done');
        }
    }

    /** Offers made before the worker connected: the hub only pushes new ones. */
    private async takeBacklog(): Promise<void> {
        try {
            for (const task of await this.api.offers(this.device!.id)) this.consider(task);
        } catch (error) {
            this.report({ type: 'warning', message: `could not read the open offers: ${(error as Error).message}` });
        }
    }

    /** Reuses the wallet's device of this name, or registers it. */
    private async ensureDevice(): Promise<void> {
        const { device, reused, missing } = await ensureDevice(this.api, this.options.deviceName, this.capabilities);
        if (missing.length > 0) {
            this.report({ type: 'warning', message: `device ${device.name} was registered without ${missing.join(', ')}; those offers will not come` });
        }
        this.device = device;
        this.report({ type: 'device', device_id: device.id, name: device.name, reused, capabilities: device.capabilities });
    }

    /** Whether the hub should try again after refusing the upgrade, having fixed what it could. */
    private async hubRefused(status: number, code: string): Promise<boolean> {
        try {
            // A 401 after a service restart may mean a fresh store too: log in and find (or register) the device at
            // once, so the reconnect that follows is the last one.
            if (status === 401) {
                await this.session.renew();
                await this.ensureDevice();
            } else if (code === 'DEVICE_NOT_FOUND') await this.ensureDevice();
            else return status === 0 || status === 429 || status >= 500;
            return true;
        } catch (error) {
            if (error instanceof ServiceError && error.transient) return true;
            throw error;
        }
    }

    private async readBalance(): Promise<bigint | null> {
        try {
            return await this.options.claimSender.balance();
        } catch (error) {
            this.report({ type: 'warning', message: `could not read the wallet balance: ${(error as Error).message}` });
            return null;
        }
    }

    private async fail(error: Error): Promise<void> {
        this.emit('fatal', error);
        await this.stop();
    }

    private report(event: WorkerEvent): void {
        this.counts[event.type] = (this.counts[event.type] ?? 0) + 1;
        this.emit('progress', event);
    }
}
