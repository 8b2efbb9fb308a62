// A test wallet's owner using the service's API from Node, with the same key the page's injected wallet holds: for
// what a test sets up without a view (a task to claim, its results), and for checking what the service says.
import type { CreatedTask, DeviceView, PayoutList, TaskView } from '../../../protocol';
import { HttpTransport } from '../../../client/httpTransport';
import { hasCode } from '../../../client/serviceError';
import { ServiceSession } from '../../../client/serviceSession';
import { TestWallet } from './testWallet';
import { WebStack } from './webStack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface TaskTerms {
    operation: string;
    input: unknown;
    module_sha256?: string;
    /** Nanotons. */
    budget: bigint;
    redundancy: number;
    /** Seconds from now. */
    deadlineIn: number;
}

export class ApiUser {
    private readonly http: HttpTransport;
    private readonly session: ServiceSession;
    private device: Promise<DeviceView> | undefined;

    constructor(
        stack: WebStack,
        readonly wallet: TestWallet,
    ) {
        this.http = new HttpTransport(stack.url);
        this.session = new ServiceSession(this.http, wallet.wallet, stack.proofDomain);
    }

    call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
        return this.session.authorized((token) => this.http.json<T>({ method, path, token, body }));
    }

    createTask(terms: TaskTerms): Promise<CreatedTask> {
        const { budget, deadlineIn, ...rest } = terms;
        return this.call<CreatedTask>('POST', '/api/v1/tasks', {
            ...rest,
            budget: budget.toString(),
            min_trust_score: 0,
            deadline: Math.floor(Date.now() / 1000) + deadlineIn,
        });
    }

    /** Sends the funding transaction from the wallet, as its wallet app would, and waits until the task opens. */
    async fund(created: CreatedTask): Promise<TaskView> {
        const { validUntil, messages } = created.funding_transaction;
        await this.wallet.sendTransfer({ valid_until: validUntil, messages });
        for (let attempt = 0; attempt < 40; attempt++, await sleep(250)) {
            try {
                const view = await this.call<TaskView>('POST', `/api/v1/tasks/${created.task_id}/confirm-escrow`);
                if (view.status !== 'awaiting_escrow') return view;
            } catch (error) {
                // The chain watch may have opened the task first.
                if (!hasCode(error, 'ESCROW_NOT_FOUND', 'TASK_NOT_AWAITING_ESCROW')) throw error;
                const view = await this.task(created.task_id);
                if (view.status !== 'awaiting_escrow') return view;
            }
        }
        throw new Error(`task ${created.task_id}: the service never confirmed its escrow`);
    }

    task(taskId: string): Promise<TaskView> {
        return this.call<TaskView>('GET', `/api/v1/tasks/${taskId}`);
    }

    /** Takes a slot of the task on this wallet's one device and submits `output` as its result. */
    async submit(taskId: string, output: unknown): Promise<void> {
        this.device ??= this.call<DeviceView>('POST', '/api/v1/devices', { name: `${this.wallet.name}-api`, capabilities: ['hash'] });
        const { id } = await this.device;
        await this.call('POST', `/api/v1/tasks/${taskId}/claim`, { device_id: id });
        await this.call('POST', `/api/v1/tasks/${taskId}/results`, { device_id: id, output });
    }

    payouts(): Promise<PayoutList> {
        return this.call<PayoutList>('GET', '/api/v1/payouts');
    }

    /** Waits until the task reaches one of `statuses`. */
    async taskReaches(taskId: string, statuses: string[], timeoutMs = 60_000): Promise<TaskView> {
        for (const until = Date.now() + timeoutMs; ; await sleep(300)) {
            const view = await this.task(taskId);
            if (statuses.includes(view.status)) return view;
            if (Date.now() > until) throw new Error(`task ${taskId} is ${view.status}, not ${statuses.join(' or ')}, after ${timeoutMs} ms`);
        }
    }
}
