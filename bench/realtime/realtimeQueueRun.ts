// What one queue throughput run takes and reports, whichever queue it drives, and the CPU bookkeeping both share:
// this process's (publisher and consumer alike) and redis-server's own, read from INFO.
import Redis from 'ioredis';
import { DispatchHandler } from '../../backend/src/queue/taskQueue';
import { BenchRedis } from '../load/redisServer';

export interface QueueRunSpec {
    redis: BenchRedis;
    /** The same function on both sides: what the service records when it dispatches an entry. */
    handler: DispatchHandler;
    /** One entry per task id, published in this order. */
    taskIds: string[];
    /** Entries handled at once: the Streams queue's read batch, BullMQ's worker concurrency. */
    inFlight: number;
}

export interface QueueRun {
    entries: number;
    seconds: number;
    perSecond: number;
    /** CPU per entry in this process (publishing and consuming) and in redis-server, in microseconds. */
    processCpuUs: number;
    redisCpuUs: number;
}

export interface CpuMark {
    process: NodeJS.CpuUsage;
    redisSeconds: number;
}

export async function markCpu(admin: Redis): Promise<CpuMark> {
    return { process: process.cpuUsage(), redisSeconds: await redisCpuSeconds(admin) };
}

/** The run's figures from its entry count, its timed span and the CPU marks taken around it. */
export async function queueRunOf(admin: Redis, entries: number, seconds: number, before: CpuMark): Promise<QueueRun> {
    const used = process.cpuUsage(before.process);
    const redisSeconds = (await redisCpuSeconds(admin)) - before.redisSeconds;
    return {
        entries,
        seconds,
        perSecond: Math.round(entries / seconds),
        processCpuUs: Math.round((used.user + used.system) / entries),
        redisCpuUs: Math.round((redisSeconds * 1e6) / entries),
    };
}

async function redisCpuSeconds(admin: Redis): Promise<number> {
    const info = await admin.info('cpu');
    const field = (name: string) => Number(info.match(new RegExp(`^${name}:([0-9.]+)`, 'm'))?.[1] ?? NaN);
    return field('used_cpu_user') + field('used_cpu_sys');
}

/** A run that has not finished by then has lost entries: it fails rather than waits forever. */
const RUN_TIMEOUT_MS = 120_000;

/**
 * `finished` resolves once `done` has been called `count` times, and rejects with the error given to `fail`, or
 * when RUN_TIMEOUT_MS pass first.
 */
export function countdown(count: number): { done(): void; fail(err: unknown): void; finished: Promise<void> } {
    let left = count;
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const finished = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    const timer = setTimeout(() => reject(new Error(`${left} of ${count} entries unfinished after ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
    void finished.catch(() => undefined).finally(() => clearTimeout(timer));
    return {
        done: () => {
            if (--left === 0) resolve();
        },
        fail: reject,
        finished,
    };
}
