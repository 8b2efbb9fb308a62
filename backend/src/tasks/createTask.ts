// A requester creates a task: the service fixes its terms and hands back the transaction that funds them.
import { randomBytes } from 'crypto';
import { Address } from '@ton/core';
import { fundingTransaction, TonConnectTransaction } from '../../../wrappers/tonConnect';
import { MAX_AMOUNT } from '../../../wrappers/claimEncoding';
import { canonicalJson, initialEntropy, redundancyFor } from '../domain';
import { ServiceError } from '../service/serviceError';
import { nowSeconds, ServiceContext } from '../service/context';
import { isDuplicateKey } from '../store/storeErrors';
import { checkTaskInput, hasModule } from './modules';
import { insertTask, TaskRecord } from './taskRecord';
import {
    DEFAULT_SLOT_TIMEOUT_SECONDS,
    FUNDING_TX_TTL_SECONDS,
    MAX_REDUNDANCY,
    MAX_TASK_SECONDS,
    MIN_TASK_SECONDS,
    maxResultsFor,
    rewardPerResult,
} from './taskRules';

export interface NewTask {
    operation: string;
    input: unknown;
    moduleSha256?: string;
    budget: bigint;
    redundancy: number;
    minTrustScore: number;
    deadline: number;
    slotTimeoutSeconds?: number;
}

export interface CreatedTask {
    task: TaskRecord;
    funding: TonConnectTransaction;
}

/**
 * Validates the requester's terms, fixes redundancy (at least the requester's, raised by the operation's entropy),
 * the cap on results and the reward per result, stores the task awaiting its escrow and returns the funding
 * transaction for the master.
 */
export async function createTask(ctx: ServiceContext, requester: Address, spec: NewTask): Promise<CreatedTask> {
    const now = nowSeconds(ctx);
    if (spec.deadline < now + MIN_TASK_SECONDS || spec.deadline > now + MAX_TASK_SECONDS) {
        throw new ServiceError('invalid', 'BAD_DEADLINE', `the deadline must be between ${MIN_TASK_SECONDS} s and ${MAX_TASK_SECONDS} s from now`);
    }
    if (spec.moduleSha256 !== undefined && !(await hasModule(ctx.store, spec.moduleSha256))) {
        throw new ServiceError('invalid', 'UNKNOWN_MODULE', `no module with sha256 ${spec.moduleSha256}; upload it first`);
    }
    let input: string;
    try {
        input = canonicalJson(spec.input);
    } catch (err) {
        throw new ServiceError('invalid', 'BAD_INPUT', `the input is not plain JSON data: ${(err as Error).message}`);
    }
    checkTaskInput(spec.operation, spec.input);
    const redundancy = redundancyFor(await entropyOf(ctx, spec.operation), spec.redundancy, MAX_REDUNDANCY);
    const maxResults = maxResultsFor(redundancy);
    const reward = rewardPerResult(spec.budget, maxResults);
    if (reward <= 0n || spec.budget > MAX_AMOUNT) {
        throw new ServiceError('invalid', 'BAD_BUDGET', `the budget must be from ${maxResults} to ${MAX_AMOUNT} nanotons for ${maxResults} results`);
    }

    // Ids are random, not sequential: nobody can fund a future task's escrow with other terms ahead of its requester.
    for (let attempt = 0; attempt < 5; attempt++) {
        const id = randomBytes(8).readBigUInt64BE() >> 1n;
        const nowMs = ctx.nowMs();
        const task: TaskRecord = {
            id: id.toString(),
            requester: requester.toRawString(),
            operation: spec.operation,
            input,
            moduleSha256: spec.moduleSha256 ?? null,
            budget: spec.budget,
            reward,
            redundancy,
            maxResults,
            slotsOpen: redundancy,
            minTrustScore: spec.minTrustScore,
            deadline: spec.deadline,
            slotTimeoutSeconds: spec.slotTimeoutSeconds ?? DEFAULT_SLOT_TIMEOUT_SECONDS,
            status: 'awaiting_escrow',
            escrow: await ctx.chain.escrowAddress(id),
            fundingId: null,
            feeBps: null,
            canonicalHash: null,
            escrowProblem: null,
            createdAt: nowMs,
            updatedAt: nowMs,
            spotCheckId: null,
            spotCheckWallet: null,
        };
        try {
            await insertTask(ctx.store, task);
        } catch (err) {
            if (isDuplicateKey(err)) continue;
            throw err;
        }
        const terms = { taskId: id, budget: task.budget, maxResults: BigInt(maxResults), deadline: BigInt(task.deadline) };
        const funding = fundingTransaction(ctx.chain.masterAddress, terms, ctx.chain.globalId, now + FUNDING_TX_TTL_SECONDS);
        return { task, funding };
    }
    throw new Error('could not find a free task id');
}

async function entropyOf(ctx: ServiceContext, operation: string) {
    const row = await ctx.store.one<{ decisions: number; collisions: number }>('SELECT decisions, collisions FROM entropy WHERE operation = ?', operation);
    return row ?? initialEntropy();
}
