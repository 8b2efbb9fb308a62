// The real service on a real port over a sandbox chain, plus WorkerClients talking to it over HTTP and WebSocket.
// Workers get funded wallets from fresh mnemonics; their claims go to the same sandbox the service watches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Address, Cell, toNano } from '@ton/core';
import { FastifyInstance } from 'fastify';
import { mnemonicNew } from '@ton/crypto';
import { realtimeFixture, RealtimeFixture } from '../../backend/realtime/realtimeFixture';
import { TaskView } from '../../../protocol';
import { walletFromMnemonic, WalletVersion, WorkerWallet } from '../../../client/wallet';
import { WorkerClient, WorkerClientOptions, WorkerTiming } from '../../../worker/src/client/workerClient';
import { WorkerEvent } from '../../../worker/src/client/workerEvents';
import { sandboxClaimSender } from './sandboxClaimSender';

export const PROOF_DOMAIN = 'worker.test';

/** Short waits everywhere, so a test spends its time on work rather than timers. */
const FAST: Partial<WorkerTiming> = {
    heartbeatMs: 1_000,
    stableAfterMs: 500,
    requestTimeoutMs: 5_000,
    backoff: { baseMs: 20, capMs: 200 },
    statusPollMs: 100,
    confirmPollMs: 20,
    confirmTimeoutMs: 10_000,
};

export interface TestWorker {
    wallet: WorkerWallet;
    client: WorkerClient;
    events: WorkerEvent[];
    /** Resolves once `predicate` holds for the events so far; rejects after `timeoutMs`. */
    until(predicate: (events: WorkerEvent[]) => boolean, timeoutMs?: number): Promise<void>;
}

export interface WorkerSpec {
    version?: WalletVersion;
    /** An existing worker's wallet, already funded; a fresh funded one otherwise. */
    wallet?: WorkerWallet;
    deviceName?: string;
    maxTasks?: number;
    overrides?: Partial<WorkerClientOptions>;
}

export async function workerHarness(env: Record<string, string> = {}) {
    const f: RealtimeFixture = await realtimeFixture({ TON_PROOF_DOMAINS: PROOF_DOMAIN, ...env });
    const bank = await f.blockchain.treasury('bank');
    const workers: TestWorker[] = [];

    /** Uploads a module from worker/modules/dist as the requester; returns its sha256. */
    async function uploadModule(name: string): Promise<string> {
        const bytes = readFileSync(join(__dirname, '../../../worker/modules/dist', `${name}.wasm`));
        const res = await f.api('POST', '/api/v1/modules', await f.sessionOf(f.requester.address), { wasm_base64: bytes.toString('base64') });
        if (res.status !== 201) throw new Error(`module upload failed: ${JSON.stringify(res.body)}`);
        return res.body.sha256 as string;
    }

    /**
     * Creates a task as the requester, funds its escrow on the sandbox and confirms it, on `app` (the fixture's, or
     * one that replaced it). A fresh session each time, so it works after the clock moved on.
     */
    async function openTask(fields: Record<string, unknown>, app: FastifyInstance = f.app): Promise<TaskView> {
        const headers = { authorization: `Bearer ${await f.sessionOf(f.requester.address)}` };
        const created = await app.inject({
            method: 'POST',
            url: '/api/v1/tasks',
            headers,
            payload: { budget: toNano('5').toString(), redundancy: 3, min_trust_score: 0, deadline: f.now() + 3600, ...fields },
        });
        if (created.statusCode !== 201) throw new Error(`task creation failed: ${created.body}`);
        const [message] = created.json().funding_transaction.messages;
        await f.requester.send({ to: Address.parse(message.address), value: BigInt(message.amount), body: Cell.fromBase64(message.payload) });
        const confirmed = await app.inject({ method: 'POST', url: `/api/v1/tasks/${created.json().task_id}/confirm-escrow`, headers });
        if (confirmed.statusCode !== 200) throw new Error(`escrow confirmation failed: ${confirmed.body}`);
        return confirmed.json() as TaskView;
    }

    async function newWorker(name: string, spec: WorkerSpec = {}): Promise<TestWorker> {
        const wallet = spec.wallet ?? (await walletFromMnemonic(await mnemonicNew(24), spec.version ?? 'v4', 'mainnet'));
        if (!spec.wallet) await bank.send({ to: wallet.address, value: toNano('2'), bounce: false });
        const client = new WorkerClient({
            serviceUrl: `http://127.0.0.1:${f.port}`,
            wallet,
            claimSender: sandboxClaimSender(f.blockchain, wallet, f.now),
            deviceName: spec.deviceName ?? `${name}-device`,
            proofDomain: PROOF_DOMAIN,
            maxTasks: spec.maxTasks,
            timing: FAST,
            nowMs: () => f.now() * 1000,
            ...spec.overrides,
        });
        const events: WorkerEvent[] = [];
        client.on('progress', (event) => events.push(event));
        const worker: TestWorker = {
            wallet,
            client,
            events,
            async until(predicate, timeoutMs = 20_000) {
                const giveUpAt = Date.now() + timeoutMs;
                while (!predicate(events)) {
                    if (Date.now() > giveUpAt) throw new Error(`${name}: condition not met within ${timeoutMs} ms; events: ${JSON.stringify(events)}`);
                    await new Promise((resolve) => setTimeout(resolve, 20));
                }
            },
        };
        workers.push(worker);
        return worker;
    }

    async function close(): Promise<void> {
        await Promise.all(workers.map((w) => w.client.stop()));
        await f.close();
    }

    return { f, bank, uploadModule, openTask, newWorker, close };
}

export type WorkerHarness = Awaited<ReturnType<typeof workerHarness>>;

export function eventsOf<T extends WorkerEvent['type']>(events: WorkerEvent[], type: T): Array<Extract<WorkerEvent, { type: T }>> {
    return events.filter((event): event is Extract<WorkerEvent, { type: T }> => event.type === type);
}
