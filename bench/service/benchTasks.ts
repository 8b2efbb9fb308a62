// The bench's tasks, brought to the state a phase starts from through the service's own functions, except one
// step: opening. Funding thousands of escrows on the sandbox would take minutes, so a task is opened the way
// `checkEscrow` opens it when the chain shows a matching escrow (funding id and fee stored, `escrow_confirmed`
// applied), without the chain read. Nothing in the measured routes reads the escrow from the chain. The opening is
// not announced either: the slots are claimed right away, so offering the task to devices would be wasted work,
// still running when the measured phases start.
import { createHash, randomBytes } from 'node:crypto';
import { Address, toNano } from '@ton/core';
import { SANDBOX_FEE_BPS } from '../../devnet/src/deploySandboxMaster';
import { nowSeconds, ServiceContext } from '../../backend/src/service/context';
import { Sql } from '../../backend/src/store/sql';
import { SqliteStore } from '../../backend/src/store/sqliteStore';
import { PendingEvents } from '../../backend/src/service/afterCommit';
import { takeSlot } from '../../backend/src/tasks/assignments';
import { createTask } from '../../backend/src/tasks/createTask';
import { canonicalOutput, recordResult } from '../../backend/src/tasks/submitResult';
import { applyTaskEvent, findTask, TaskRecord } from '../../backend/src/tasks/taskRecord';
import { BenchWorker, OPERATION, QUORUM, quorumOf } from './benchWorkers';

const BUDGET = toNano('5');
const DEADLINE_SECONDS = 24 * 3600;

// The master's logical time at funding is what an escrow reports as its funding id: unique per funding.
let nextFundingId = 1_000_000n;

export interface BenchTask {
    record: TaskRecord;
    /** Indices of the workers holding its slots. */
    quorum: number[];
}

/**
 * Runs a seeding step in one transaction, so seeding does not pay a commit per step (nothing else writes meanwhile:
 * the load generator is idle). On SQLite the WAL is checkpointed afterwards, so the next phase starts from the state
 * a service that had been running would be in.
 */
async function inOneTransaction<T>(ctx: ServiceContext, work: (tx: Sql, events: PendingEvents) => Promise<T>): Promise<T> {
    const events = new PendingEvents(ctx.events);
    try {
        const outcome = await ctx.store.transaction((tx) => work(tx, events));
        events.emitAll();
        return outcome;
    } finally {
        if (ctx.store instanceof SqliteStore) ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    }
}

/** `count` tasks of redundancy QUORUM, open, with every slot held by its quorum (see quorumOf). */
export async function seedClaimedTasks(ctx: ServiceContext, workers: BenchWorker[], count: number): Promise<BenchTask[]> {
    const tasks = await createTasks(ctx, workers, count);
    await inOneTransaction(ctx, async (tx, events) => {
        for (const { record } of tasks) await openAsEscrowConfirmed(ctx, tx, record);
        for (const { record, quorum } of tasks) {
            for (const w of quorum) await takeSlot(ctx, tx, events, record.id, workers[w].deviceId, workers[w].wallet);
        }
    });
    return tasks;
}

async function createTasks(ctx: ServiceContext, workers: BenchWorker[], count: number): Promise<BenchTask[]> {
    const requester = new Address(0, randomBytes(32));
    const tasks: BenchTask[] = [];
    for (let i = 0; i < count; i++) {
        const { task } = await createTask(ctx, requester, {
            operation: OPERATION,
            input: { text: `bench task ${i}` },
            budget: BUDGET,
            redundancy: QUORUM,
            minTrustScore: 0,
            deadline: nowSeconds(ctx) + DEADLINE_SECONDS,
        });
        if (task.redundancy !== QUORUM) throw new Error(`the service raised the redundancy to ${task.redundancy}`);
        tasks.push({ record: task, quorum: quorumOf(i, workers.length) });
    }
    return tasks;
}

async function openAsEscrowConfirmed(ctx: ServiceContext, tx: Sql, task: TaskRecord): Promise<void> {
    const fundingId = nextFundingId++;
    await tx.run(
        'UPDATE tasks SET funding_id = ?, fee_bps = ?, escrow_problem = NULL WHERE id = ?',
        fundingId.toString(),
        Number(SANDBOX_FEE_BPS),
        task.id,
    );
    await applyTaskEvent(tx, task, 'escrow_confirmed', ctx.nowMs());
    // Opening queues the task for offering through the outbox; taken out again in the same transaction, as above.
    await tx.run('DELETE FROM queue_outbox WHERE task_id = ?', task.id);
    task.fundingId = fundingId;
    task.feeBps = SANDBOX_FEE_BPS;
}

/** The result every worker of the task agrees on. */
export function agreedOutput(task: TaskRecord): { sha256: string } {
    return { sha256: createHash('sha256').update(task.input).digest('hex') };
}

/** Submits every quorum result in-process, so the tasks end validated without going through HTTP. */
export async function validateInProcess(ctx: ServiceContext, workers: BenchWorker[], tasks: BenchTask[]): Promise<void> {
    await inOneTransaction(ctx, async (tx, events) => {
        for (const { record, quorum } of tasks) {
            const output = canonicalOutput(agreedOutput(record));
            for (const w of quorum) await recordResult(ctx, tx, events, record.id, workers[w].deviceId, workers[w].wallet, output);
        }
    });
    const notValidated = await countNotValidated(ctx, tasks);
    if (notValidated > 0) throw new Error(`${notValidated} of ${tasks.length} tasks did not end validated`);
}

export async function countNotValidated(ctx: ServiceContext, tasks: BenchTask[]): Promise<number> {
    let count = 0;
    for (const { record } of tasks) if ((await findTask(ctx.store, record.id))?.status !== 'validated') count++;
    return count;
}
