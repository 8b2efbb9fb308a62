// Dispatch throughput through Redis: the project's RedisStreamsQueue beside BullMQ on the same redis-server, on
// the same terms (QUEUE_TERMS), with the same handler: the part of the service's dispatcher that records a
// dispatch (read the task, log the offer once per dispatch key) in the service's own SQLite store. The hub is left out:
// fan-out is measured on its own.
import { DispatchHandler } from '../../backend/src/queue/taskQueue';
import { recordOffer } from '../../backend/src/realtime/offerLog';
import { Store } from '../../backend/src/store/sql';
import { findTask } from '../../backend/src/tasks/taskRecord';
import { timeBullmq } from './realtimeBullmqRun';
import { QueueRun } from './realtimeQueueRun';
import { BenchRedis } from '../load/redisServer';
import { timeStreamsQueue } from './realtimeStreamsRun';

export const ENTRIES = 20_000;
const WARM_UP_ENTRIES = 2_000;
const ROUNDS = 2;
/** The Streams queue's default read batch, and so BullMQ's worker concurrency. */
const IN_FLIGHT = 10;

export const QUEUE_TERMS =
    `${ENTRIES} entries each; publish: one command per entry (XADD / Queue.add, no addBulk), all issued at once; ` +
    `consume: one consumer in this process, ${IN_FLIGHT} in flight (Streams batchSize / BullMQ concurrency); ` +
    'handler: findTask + recordOffer in SQLite on both; timed from the first publish to the last acknowledgement ' +
    '(Streams: group has nothing pending; BullMQ: last `completed`); library defaults otherwise; ' +
    `same redis-server; after a ${WARM_UP_ENTRIES}-entry warm-up each, ${ROUNDS} rounds alternating, best reported`;

export interface Throughput {
    streams: QueueRun[];
    bullmq: QueueRun[];
}

function recordDispatch(db: Store): DispatchHandler {
    return async (entry) => {
        const task = await findTask(db, entry.taskId);
        if (!task) throw new Error(`no task ${entry.taskId}`);
        await recordOffer(db, entry.dispatchKey, task.id, Date.now());
    };
}

export async function measureThroughput(redis: BenchRedis, db: Store, taskIds: string[]): Promise<Throughput> {
    const handler = recordDispatch(db);
    const entries = (count: number) => Array.from({ length: count }, (_, i) => taskIds[i % taskIds.length]);
    const spec = (count: number) => ({ redis, handler, taskIds: entries(count), inFlight: IN_FLIGHT });

    await timeStreamsQueue(spec(WARM_UP_ENTRIES));
    await timeBullmq(spec(WARM_UP_ENTRIES));
    const result: Throughput = { streams: [], bullmq: [] };
    for (let round = 0; round < ROUNDS; round++) {
        // Alternating who goes first, so neither always runs on the warmer (or more fragmented) Redis.
        if (round % 2 === 0) {
            result.streams.push(await timeStreamsQueue(spec(ENTRIES)));
            result.bullmq.push(await timeBullmq(spec(ENTRIES)));
        } else {
            result.bullmq.push(await timeBullmq(spec(ENTRIES)));
            result.streams.push(await timeStreamsQueue(spec(ENTRIES)));
        }
    }
    return result;
}

/** The run with the highest rate. */
export function bestOf(runs: QueueRun[]): QueueRun {
    return runs.reduce((best, run) => (run.perSecond > best.perSecond ? run : best));
}
