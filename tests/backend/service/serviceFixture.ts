// The whole service over a sandbox chain with a real EscrowMaster whose backend key is the service's own:
// requests go through fastify's `inject`, money moves on the sandbox, and one clock drives both.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Address, Cell, toNano } from '@ton/core';
import { Blockchain, SandboxContract, TreasuryContract } from '@ton/sandbox';
import { EscrowMaster } from '../../../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { buildService } from '../../../backend/src/app';
import { SessionTokens } from '../../../backend/src/auth/sessions';
import { sandboxChain } from '../../helpers/sandboxChain';
import { loadConfig } from '../../../backend/src/config';
import { loadSecrets } from '../../../backend/src/secrets';
import { TonConnectTransaction } from '../../../wrappers/tonConnect';
import { testStoreEnv } from '../../helpers/testStore';

/** Service and sandbox clock at the start of every test: 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600;
export const FEE_BPS = 500n;

export interface ApiResponse {
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function serviceFixture(env: Record<string, string> = {}) {
    const blockchain = await Blockchain.create();
    let nowMs = T0 * 1000;
    blockchain.now = T0;
    const owner = await blockchain.treasury('owner');
    const treasury = await blockchain.treasury('treasury');
    const requester = await blockchain.treasury('requester');

    const config = loadConfig({
        GSTD_DATA_DIR: mkdtempSync(join(tmpdir(), 'gstd-service-')),
        LOG_LEVEL: 'silent',
        SWEEP_INTERVAL_MS: '0',
        CHAIN_POLL_INTERVAL_MS: '0',
        RATE_LIMIT_RESULTS_PER_SECOND: '1000',
        RATE_LIMIT_AUTH_PER_MINUTE: '100000',
        ...(await testStoreEnv()),
        ...env,
    });
    const secrets = loadSecrets(config);
    const master = blockchain.openContract(
        await EscrowMaster.fromInit(
            owner.address,
            null,
            treasury.address,
            BigInt('0x' + secrets.signingKey.publicKey.toString('hex')),
            FEE_BPS,
            false,
        ),
    );
    await master.send(owner.getSender(), { value: toNano('1') }, null);
    const chain = sandboxChain(blockchain, master.address);
    const { app, ctx, hub, queue } = await buildService({ config, secrets, chain, nowMs: () => nowMs });
    const tokens = new SessionTokens(secrets.sessionSecret, config.sessionTtlSeconds, () => Math.floor(nowMs / 1000));

    /** A session for `wallet`, as ton_proof login would issue it (the auth tests cover the proof itself). */
    async function sessionOf(wallet: Address): Promise<string> {
        return (await tokens.issue(wallet)).token;
    }

    const api = apiOf(app);

    /**
     * Another node of the same service: its own app on the same store, chain, keys and clock. On PostgreSQL the two
     * are two nodes of a cluster (the in-process queues aside); on SQLite they would be two writers of one file.
     */
    async function anotherNode() {
        const node = await buildService({ config, secrets, chain, nowMs: () => nowMs });
        return { app: node.app, ctx: node.ctx, api: apiOf(node.app), close: () => node.app.close() };
    }

    function apiOf(target: typeof app) {
        return (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) => inject(target, method, url, token, payload);
    }

    async function inject(target: typeof app, method: 'GET' | 'POST', url: string, token?: string, payload?: unknown): Promise<ApiResponse> {
        const res = await target.inject({
            method,
            url,
            headers: token ? { authorization: `Bearer ${token}` } : {},
            ...(payload === undefined ? {} : { payload: payload as object }),
        });
        return { status: res.statusCode, body: res.body ? res.json() : undefined };
    }

    function advance(seconds: number): void {
        nowMs += seconds * 1000;
        blockchain.now = Math.floor(nowMs / 1000);
    }

    /** Sends a TonConnect transaction from a sandbox wallet, as the user's wallet app would. */
    async function sendFrom(wallet: SandboxContract<TreasuryContract>, tx: TonConnectTransaction) {
        const [m] = tx.messages;
        return wallet.send({ to: Address.parse(m.address), value: BigInt(m.amount), body: m.payload ? Cell.fromBase64(m.payload) : undefined });
    }

    /** A worker: a sandbox wallet, its session, and one registered device. */
    async function worker(name: string, capabilities: string[] = ['hash']) {
        const wallet = await blockchain.treasury(name);
        const token = await sessionOf(wallet.address);
        const res = await api('POST', '/api/v1/devices', token, { name: `${name}-device`, capabilities });
        if (res.status !== 201) throw new Error(`device registration failed: ${JSON.stringify(res.body)}`);
        return { wallet, token, deviceId: res.body.id as string };
    }

    const requesterToken = await sessionOf(requester.address);

    /** Creates a task as the requester; the body's fields default to a small redundancy-3 task. */
    async function createTask(fields: Record<string, unknown> = {}): Promise<ApiResponse> {
        return api('POST', '/api/v1/tasks', requesterToken, {
            operation: 'hash',
            input: { text: 'hello' },
            budget: toNano('5').toString(),
            redundancy: 3,
            min_trust_score: 0,
            deadline: Math.floor(nowMs / 1000) + 24 * 3600,
            ...fields,
        });
    }

    /** Creates a task, funds it on-chain with the transaction the service returned, and confirms the escrow. */
    async function openTask(fields: Record<string, unknown> = {}) {
        const created = await createTask(fields);
        if (created.status !== 201) throw new Error(`task creation failed: ${JSON.stringify(created.body)}`);
        await sendFrom(requester, created.body.funding_transaction);
        const confirmed = await api('POST', `/api/v1/tasks/${created.body.task_id}/confirm-escrow`, requesterToken);
        if (confirmed.status !== 200) throw new Error(`escrow confirmation failed: ${JSON.stringify(confirmed.body)}`);
        return confirmed.body as { task_id: string; escrow_address: string; reward_per_result: string; [k: string]: unknown };
    }

    async function claim(w: { token: string; deviceId: string }, taskId: string) {
        return api('POST', `/api/v1/tasks/${taskId}/claim`, w.token, { device_id: w.deviceId });
    }

    async function submit(w: { token: string; deviceId: string }, taskId: string, output: unknown) {
        return api('POST', `/api/v1/tasks/${taskId}/results`, w.token, { device_id: w.deviceId, output });
    }

    async function intent(w: { token: string; wallet: { address: Address } }, taskId: string) {
        return api('POST', '/api/v1/payments/payout-intent', w.token, { task_id: taskId, executor_address: w.wallet.address.toString() });
    }

    async function close() {
        await app.close();
    }

    return {
        blockchain, master, chain, app, ctx, hub, queue, config, secrets, owner, treasury, requester, requesterToken,
        sessionOf, api, anotherNode, advance, sendFrom, worker, createTask, openTask, claim, submit, intent, close,
        now: () => Math.floor(nowMs / 1000),
    };
}

export type ServiceFixture = Awaited<ReturnType<typeof serviceFixture>>;
