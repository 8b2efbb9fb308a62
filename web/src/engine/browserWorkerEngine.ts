// The browser worker behind the Worker view. It shares the CLI's parts rather than copying them: the module
// contract (worker/src/execute), the hub connection with its backoff, replay and session renewal, the offer queue,
// the module cache, the device lookup (worker/src/client) and the HTTP API (client/). What is its own is what differs in a
// page: the session comes from the page's wallet login, the module runs in a Web Worker, the result goes over the
// socket, and progress is a snapshot for the view rather than log lines. Payouts are the Payouts view's job.
import type { Static } from '@sinclair/typebox';
import type { PayoutPaidFrame, TaskView, TrustView } from '../../../protocol';
import { ensureDevice } from '../../../worker/src/client/deviceSetup';
import { HttpTransport } from '../../../client/httpTransport';
import { DEFAULT_HUB_TIMING, HubClosedError, HubConnection, HubTiming, hubUrlOf } from '../../../client/hubConnection';
import { ModuleCache } from '../../../worker/src/client/moduleCache';
import { OfferQueue } from '../../../worker/src/client/offerQueue';
import { retryTransient } from '../../../client/retryTransient';
import type { RunOutcome } from '../../../worker/src/client/runOutcome';
import { ServiceApi } from '../../../client/serviceApi';
import { ServiceError } from '../../../client/serviceError';
import { DEFAULT_LIMITS, executeOnHost, ExecutionLimits, ModuleHost, WORKLOADS } from '../../../worker/src/execute/portable';
import { browserHubSocket, WebSocketFactory } from './browserHubSocket';
import { browserDeviceName, KeyValueStore } from './deviceName';
import type { ActiveTask, EngineListener, EngineSnapshot, WorkerEngine } from './engineApi';
import { STOPPED_SNAPSHOT } from './engineApi';
import { PageSession } from './pageSession';

export interface EngineTiming extends HubTiming {
    /** How often submitted tasks without a verdict are looked at; a trust or payout frame looks at once. */
    verdictPollMs: number;
    httpTimeoutMs: number;
}

export const DEFAULT_ENGINE_TIMING: EngineTiming = { ...DEFAULT_HUB_TIMING, verdictPollMs: 5_000, httpTimeoutMs: 15_000 };

export interface BrowserEngineOptions {
    /** http(s)://host[:port] of the service: the page's own origin. */
    serviceUrl: string;
    openWebSocket: WebSocketFactory;
    moduleHost: ModuleHost;
    /** Where the device name is kept: localStorage. */
    storage: KeyValueStore;
    limits?: ExecutionLimits;
    /** Tasks run at once. */
    concurrency?: number;
    timing?: Partial<EngineTiming>;
    random?: () => number;
}

/** The capabilities this browser registers: every workload the shared contract runs. */
export const BROWSER_CAPABILITIES: readonly string[] = WORKLOADS.map((workload) => workload.name).sort();

/** A result frame stays well below the hub's 32 KiB frame limit; a larger output goes over HTTP. */
const SOCKET_RESULT_MAX_CHARS = 16_384;
/** Submitting the same output again returns the same receipt, so a submission can be retried safely. */
const SUBMIT_RETRY = { attempts: 5, backoff: { baseMs: 500, capMs: 8_000 } };
const LOGIN_AGAIN = 'your session ended; log in again with your wallet and the worker carries on';

/** One start()…stop() of the engine. */
interface Run {
    session: PageSession;
    http: HttpTransport;
    api: ServiceApi;
    hub: HubConnection;
    offers: OfferQueue;
    modules: ModuleCache;
    deviceId: string;
    deviceName: string;
    /** The token the latest socket was opened with: the one a 401 or a 4002 refuses, even if the page has a newer one. */
    hubToken: string | null;
    /** Submitted tasks waiting for a verdict: their result hash, and the gross reward a valid one earns. */
    awaiting: Map<string, { resultHash: string; reward: bigint }>;
    verdicts: Map<string, 'valid' | 'invalid'>;
    pollTimer: ReturnType<typeof setInterval> | null;
    looking: boolean;
}


export class BrowserWorkerEngine implements WorkerEngine {
    private snapshot: EngineSnapshot = STOPPED_SNAPSHOT;
    private readonly listeners = new Set<EngineListener>();
    private readonly paidListeners = new Set<(paid: Static<typeof PayoutPaidFrame>) => void>();
    private readonly timing: EngineTiming;
    private run: Run | null = null;
    private stopping: Promise<void> | null = null;

    constructor(private readonly options: BrowserEngineOptions) {
        this.timing = { ...DEFAULT_ENGINE_TIMING, ...options.timing };
    }

    subscribe(listener: EngineListener): () => void {
        this.listeners.add(listener);
        listener(this.snapshot);
        return () => void this.listeners.delete(listener);
    }

    onPayoutPaid(listener: (paid: Static<typeof PayoutPaidFrame>) => void): () => void {
        this.paidListeners.add(listener);
        return () => void this.paidListeners.delete(listener);
    }

    /**
     * Resolves once the hub connection is up, or once starting failed (state 'failed', `problem` says why); it
     * never rejects. Called while running with a fresh token (after `needsLogin`), it carries on with that token.
     */
    async start(sessionToken: string): Promise<void> {
        if (this.run) return this.run.session.supply(sessionToken);
        await this.stopping;
        const run = this.newRun(sessionToken);
        this.run = run;
        this.update({ ...STOPPED_SNAPSHOT, state: 'starting' });
        try {
            await this.setUpDevice(run);
            if (this.run !== run) return;
            await this.connect(run);
            run.session.allowWaiting();
            run.pollTimer = setInterval(() => void this.lookAtVerdicts(run), this.timing.verdictPollMs);
        } catch (error) {
            if (this.run !== run) return;
            await this.stop();
            this.update({ state: 'failed', problem: describe(error) });
        }
    }

    /** Stops taking offers, closes the link, lets running tasks finish, and leaves the counts for the view. */
    async stop(): Promise<void> {
        const run = this.run;
        if (!run) return this.stopping ?? undefined;
        this.run = null;
        this.update({ state: 'stopping', needsLogin: undefined });
        this.stopping = (async () => {
            run.session.stopWaiting();
            if (run.pollTimer) clearInterval(run.pollTimer);
            await run.hub.stop();
            await run.offers.close();
            this.update({ state: 'stopped', activeTasks: [], problem: undefined });
        })().finally(() => (this.stopping = null));
        return this.stopping;
    }

    private newRun(sessionToken: string): Run {
        const session = new PageSession((needed) => this.update({ needsLogin: needed || undefined, problem: needed ? LOGIN_AGAIN : undefined }));
        session.supply(sessionToken);
        const http = new HttpTransport(this.options.serviceUrl, this.timing.httpTimeoutMs);
        const api = new ServiceApi(http, session);
        // The hub's and the queue's callbacks run only after start, by when `run` is set.
        const hub = new HubConnection(
            {
                url: hubUrlOf(this.options.serviceUrl),
                openSocket: browserHubSocket(this.options.openWebSocket, (token) => this.explainRefusal(run, token)),
                deviceId: () => run.deviceId,
                token: async () => (run.hubToken = await session.token()),
                refused: (status, code) => this.hubRefused(run, status, code),
                sessionExpired: async () => void (await session.renew(run.hubToken)),
            },
            this.timing,
            this.options.random,
        );
        const run: Run = {
            session,
            http,
            api,
            hub,
            offers: new OfferQueue((task) => this.runOffer(run, task), this.options.concurrency ?? 2, () => true),
            modules: new ModuleCache((sha256) => api.module(sha256)),
            deviceId: '',
            deviceName: browserDeviceName(this.options.storage, this.options.random),
            hubToken: null,
            awaiting: new Map(),
            verdicts: new Map(),
            pollTimer: null,
            looking: false,
        };
        this.follow(run);
        return run;
    }

    private follow(run: Run): void {
        const current = () => this.run === run;
        run.hub.on('connected', ({ reconnect, trust }) => {
            if (!current()) return;
            this.update({ state: 'running', trust, problem: undefined });
            // After a reconnect too: a claim the drop cut short is not offered again, but it is still open.
            void this.takeBacklog(run);
        });
        run.hub.on('disconnected', ({ code, retryInMs }) => {
            if (!current()) return;
            const problem = this.snapshot.needsLogin ? LOGIN_AGAIN : `the link to the service dropped (code ${code}); trying again in ${Math.ceil(retryInMs / 1000)} s`;
            this.update({ state: 'reconnecting', problem });
        });
        run.hub.on('offer', (task) => current() && this.consider(run, task));
        run.hub.on('trust', (trust: TrustView) => {
            if (!current()) return;
            this.update({ trust });
            // A trust change follows a verdict: one of the submitted tasks may have one now.
            void this.lookAtVerdicts(run);
        });
        run.hub.on('payoutReady', (taskId, amount) => this.recordVerdict(run, taskId, 'valid', BigInt(amount)));
        run.hub.on('paid', (taskId, amount, txHash) => {
            this.recordVerdict(run, taskId, 'valid', BigInt(amount));
            const paid = { type: 'payout_paid' as const, task_id: taskId, amount, tx_hash: txHash };
            for (const listener of [...this.paidListeners]) listener(paid);
        });
        run.hub.on('fatal', (error) => {
            if (!current()) return;
            void this.stop().then(() => this.update({ state: 'failed', problem: describe(error) }));
        });
    }

    private async setUpDevice(run: Run): Promise<void> {
        const { device } = await ensureDevice(run.api, run.deviceName, [...BROWSER_CAPABILITIES]);
        run.deviceId = device.id;
        this.update({ deviceId: device.id, trust: device.trust });
    }

    /** Resolves once the hub welcomed this device; rejects if it gave up first. */
    private connect(run: Run): Promise<void> {
        return new Promise<void>((resolve, reject) => {
            const connected = () => {
                run.hub.off('fatal', failed);
                resolve();
            };
            const failed = (error: Error) => {
                run.hub.off('connected', connected);
                reject(error);
            };
            run.hub.once('connected', connected);
            run.hub.once('fatal', failed);
            run.hub.start();
        });
    }

    /** What the service would refuse this token for, asked over HTTP since the browser hides the upgrade's answer. */
    private async explainRefusal(run: Run, token: string): Promise<{ status: number; code: string } | null> {
        try {
            await run.http.json({ method: 'GET', path: `/api/v1/devices/${encodeURIComponent(run.deviceId)}`, token });
            return null;
        } catch (error) {
            return error instanceof ServiceError && error.status !== 0 ? { status: error.status, code: error.code } : null;
        }
    }

    /** The CLI's answer to a refused upgrade: a new login for a 401, the device again if it is gone, else wait. */
    private async hubRefused(run: Run, status: number, code: string): Promise<boolean> {
        try {
            if (status === 401) await run.session.renew(run.hubToken);
            else if (code === 'DEVICE_NOT_FOUND') await this.setUpDevice(run);
            else return status === 0 || status === 429 || status >= 500;
            return true;
        } catch (error) {
            if (error instanceof ServiceError && error.transient) return true;
            throw error;
        }
    }

    /** Open offers for this device: the hub only pushes new ones, and the queue skips tasks it holds already. */
    private async takeBacklog(run: Run): Promise<void> {
        try {
            for (const task of await run.api.offers(run.deviceId)) this.consider(run, task);
        } catch {
            // The hub's offers and replays still come; the backlog is only a head start.
        }
    }

    private consider(run: Run, task: TaskView): void {
        if (BROWSER_CAPABILITIES.includes(task.operation) && task.module_sha256 !== null) run.offers.add(task);
    }

    /** One offer: claim a slot, fetch the module, run it in a Web Worker, submit the output. */
    private async runOffer(run: Run, task: TaskView): Promise<RunOutcome> {
        const claim = await claimSlot(run.hub, task.task_id);
        if (claim !== 'claimed') return { kind: 'claim_refused', code: claim };
        try {
            this.setPhase(task, 'claimed');
            const sha256 = task.module_sha256!;
            let outcome;
            try {
                const bytes = await run.modules.get(sha256);
                this.setPhase(task, 'running');
                outcome = await executeOnHost(this.options.moduleHost, bytes, sha256, task.input, this.options.limits ?? DEFAULT_LIMITS);
            } catch {
                // The module could not be fetched, or the Web Worker broke: nothing to submit.
                outcome = null;
            }
            if (!outcome?.ok) {
                if (outcome?.reason === 'hash_mismatch') run.modules.forget(sha256);
                // A failed run submits nothing: a slot left to time out costs less trust than a wrong result.
                this.update({ failed: this.snapshot.failed + 1 });
                return { kind: 'failed' };
            }
            this.setPhase(task, 'submitting');
            const submitted = await this.submit(run, task.task_id, outcome.output);
            if (submitted.kind !== 'submitted') return submitted;
            run.awaiting.set(task.task_id, { resultHash: submitted.resultHash, reward: BigInt(task.reward_per_result) });
            this.update({ done: this.snapshot.done + 1 });
            if (submitted.verdict) this.recordVerdict(run, task.task_id, submitted.verdict, BigInt(task.reward_per_result));
            return submitted;
        } finally {
            this.update({ activeTasks: this.snapshot.activeTasks.filter((active) => active.task_id !== task.task_id) });
        }
    }

    /** Over the socket; over HTTP when the output is too large for a frame or the link dropped before the answer. */
    private async submit(run: Run, taskId: string, output: unknown): Promise<Extract<RunOutcome, { kind: 'submitted' | 'submit_refused' }>> {
        if (JSON.stringify(output).length <= SOCKET_RESULT_MAX_CHARS) {
            try {
                const answer = await run.hub.request({ type: 'result', task_id: taskId, output });
                if (answer.type === 'result_accepted') return { kind: 'submitted', resultHash: answer.result_hash, verdict: answer.verdict };
                if (answer.type === 'result_rejected' || answer.type === 'error') return { kind: 'submit_refused', code: answer.code };
                return { kind: 'submit_refused', code: `UNEXPECTED_${answer.type.toUpperCase()}` };
            } catch (error) {
                if (!(error instanceof HubClosedError)) throw error;
            }
        }
        try {
            const receipt = await retryTransient(() => run.api.submitResult(taskId, run.deviceId, output), SUBMIT_RETRY);
            return { kind: 'submitted', resultHash: receipt.result_hash, verdict: receipt.verdict };
        } catch (error) {
            if (error instanceof ServiceError) return { kind: 'submit_refused', code: error.code };
            throw error;
        }
    }

    /** Reads the submitted tasks still without a verdict: a validated task's canonical hash says whose result won. */
    private async lookAtVerdicts(run: Run): Promise<void> {
        if (run.looking || run.awaiting.size === 0) return;
        run.looking = true;
        try {
            for (const [taskId, { resultHash, reward }] of [...run.awaiting]) {
                let task: TaskView;
                try {
                    task = await run.api.task(taskId);
                } catch {
                    continue;
                }
                if (task.status === 'validated') this.recordVerdict(run, taskId, task.canonical_result_hash === resultHash ? 'valid' : 'invalid', reward);
                // No majority, or no decision by the deadline: nobody's result was judged.
                else if (task.status === 'failed' || task.status === 'expired') run.awaiting.delete(taskId);
            }
        } finally {
            run.looking = false;
        }
    }

    /** Counts a verdict on a result this engine submitted, once, whichever notice brings it first. */
    private recordVerdict(run: Run, taskId: string, verdict: 'valid' | 'invalid', grossReward: bigint): void {
        const submitting = this.snapshot.activeTasks.some((active) => active.task_id === taskId);
        if (run.verdicts.has(taskId) || !(run.awaiting.has(taskId) || submitting)) return;
        run.verdicts.set(taskId, verdict);
        run.awaiting.delete(taskId);
        if (verdict === 'valid') this.update({ valid: this.snapshot.valid + 1, earnings: this.snapshot.earnings + grossReward });
        else this.update({ invalid: this.snapshot.invalid + 1 });
    }

    private setPhase(task: TaskView, phase: ActiveTask['phase']): void {
        const others = this.snapshot.activeTasks.filter((active) => active.task_id !== task.task_id);
        const active: ActiveTask = { task_id: task.task_id, operation: task.operation, phase, reward_per_result: BigInt(task.reward_per_result) };
        this.update({ activeTasks: [...others, active] });
    }

    private update(patch: Partial<EngineSnapshot>): void {
        this.snapshot = { ...this.snapshot, ...patch };
        for (const listener of [...this.listeners]) listener(this.snapshot);
    }
}

/** 'claimed', or the code the hub refused the claim with (NO_SLOT_FREE and friends are routine races). */
async function claimSlot(hub: HubConnection, taskId: string): Promise<string> {
    try {
        const answer = await hub.request({ type: 'claim', task_id: taskId });
        if (answer.type === 'claimed') return 'claimed';
        return answer.type === 'error' ? answer.code : `UNEXPECTED_${answer.type.toUpperCase()}`;
    } catch (error) {
        if (error instanceof HubClosedError) return 'HUB_CLOSED';
        throw error;
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
