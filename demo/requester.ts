// The requester: logs in with ton_proof, uploads the modules, creates tasks and funds each escrow from its wallet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address, Cell, internal } from '@ton/core';
import { TonClient } from '@ton/ton';
import { CreatedTask, TaskView } from '../protocol';
import { HttpTransport } from '../client/httpTransport';
import { ServiceSession } from '../client/serviceSession';
import { hasCode } from '../client/serviceError';
import { WorkerWallet } from '../client/wallet';
import { REPO_ROOT } from './childProcesses';
import { DemoConfig } from './config';
import { PlannedTask } from './taskPlan';
import { sendFromWallet } from './walletTransfer';

export interface FundedTask {
    view: TaskView;
    escrow: Address;
}

/** The master the service deploys escrows through: the one address every funding message goes to. */
export function masterOf(task: CreatedTask): Address {
    return Address.parse(task.funding_transaction.messages[0].address);
}

export class Requester {
    readonly http: HttpTransport;
    readonly session: ServiceSession;

    constructor(
        serviceUrl: string,
        readonly wallet: WorkerWallet,
        proofDomain: string,
        private readonly client: TonClient,
    ) {
        this.http = new HttpTransport(serviceUrl);
        this.session = new ServiceSession(this.http, wallet, proofDomain);
    }

    call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
        return this.session.authorized((token) => this.http.json<T>({ method, path, token, body }));
    }

    /** Uploads every module in worker/modules/dist; answers operation → sha256. */
    async uploadModules(): Promise<Map<string, string>> {
        const dist = join(REPO_ROOT, 'worker', 'modules', 'dist');
        const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Record<string, unknown>;
        const hashes = new Map<string, string>();
        for (const operation of Object.keys(manifest)) {
            const wasm = readFileSync(join(dist, `${operation}.wasm`));
            const { sha256 } = await this.call<{ sha256: string }>('POST', '/api/v1/modules', { wasm_base64: wasm.toString('base64') });
            hashes.set(operation, sha256);
        }
        return hashes;
    }

    createTask(plan: PlannedTask, moduleSha256: string, config: DemoConfig): Promise<CreatedTask> {
        return this.call<CreatedTask>('POST', '/api/v1/tasks', {
            operation: plan.operation,
            input: plan.input,
            module_sha256: moduleSha256,
            budget: config.budgetPerTask.toString(),
            redundancy: config.redundancy,
            min_trust_score: 0,
            deadline: Math.floor(Date.now() / 1000) + config.deadlineSeconds,
            slot_timeout_seconds: config.slotTimeoutSeconds,
        });
    }

    /** Sends the funding message the service prepared, as a wallet app would, and waits for the task to open. */
    async fund(created: CreatedTask): Promise<FundedTask> {
        await this.sendFunding(created);
        const view = await this.confirmEscrow(created.task_id);
        return { view, escrow: Address.parse(view.escrow_address) };
    }

    /** Only the funding transfer, once; a caller that retries the confirmation must not send it again. */
    async sendFunding(created: CreatedTask): Promise<void> {
        const [funding] = created.funding_transaction.messages;
        await sendFromWallet(this.client, this.wallet, [
            internal({
                to: Address.parse(funding.address),
                value: BigInt(funding.amount),
                bounce: Address.parseFriendly(funding.address).isBounceable,
                body: funding.payload ? Cell.fromBase64(funding.payload) : undefined,
            }),
        ]);
    }

    /** Asks the service to check the escrow now, until it opens the task (the chain watch may beat us to it). */
    async confirmEscrow(taskId: string): Promise<TaskView> {
        for (let attempt = 0; attempt < 40; attempt++) {
            try {
                const view = await this.call<TaskView>('POST', `/api/v1/tasks/${taskId}/confirm-escrow`);
                if (view.status !== 'awaiting_escrow') return view;
            } catch (error) {
                if (!hasCode(error, 'ESCROW_NOT_FOUND') && !hasCode(error, 'TASK_NOT_AWAITING_ESCROW')) throw error;
                const view = await this.call<TaskView>('GET', `/api/v1/tasks/${taskId}`);
                if (view.status !== 'awaiting_escrow') return view;
            }
            await new Promise((r) => setTimeout(r, 250));
        }
        throw new Error(`task ${taskId}: the service never confirmed its escrow`);
    }
}
