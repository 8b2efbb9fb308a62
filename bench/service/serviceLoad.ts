// The bench's load phases: which requests go to which nodes (base URLs, round-robin), built from the seeded tasks and
// workers. bench:service has one node; bench:cluster spreads them over several.
import { agreedOutput, BenchTask } from './benchTasks';
import { YARDSTICK_PATH } from './benchService';
import { BenchWorker, QUORUM } from './benchWorkers';
import { LoadPhase, LoadRequest } from '../load/loadPhase';

/** Requests in flight at once, as many keep-alive connections. */
export const CONCURRENCY = 64;

/** Every quorum worker submits the agreed result of every task; a task's QUORUM submissions form one group. */
export function resultLoad(urls: string[], workers: BenchWorker[], tasks: BenchTask[], maxSeconds: number): LoadPhase {
    const requests = tasks.flatMap(({ record, quorum }) =>
        quorum.map(
            (w): LoadRequest => ({
                method: 'POST',
                path: `/api/v1/tasks/${record.id}/results`,
                token: w,
                body: JSON.stringify({ device_id: workers[w].deviceId, output: agreedOutput(record) }),
            }),
        ),
    );
    return { urls, concurrency: CONCURRENCY, tokens: tokensOf(workers), requests, groupSize: QUORUM, maxSeconds };
}

/** Every quorum worker of every (validated) task asks for its payout intent, once. */
export function intentLoad(urls: string[], workers: BenchWorker[], tasks: BenchTask[], maxSeconds: number): LoadPhase {
    const requests = tasks.flatMap(({ record, quorum }) =>
        quorum.map(
            (w): LoadRequest => ({
                method: 'POST',
                path: '/api/v1/payments/payout-intent',
                token: w,
                body: JSON.stringify({ task_id: record.id, executor_address: workers[w].wallet.toString() }),
            }),
        ),
    );
    return { urls, concurrency: CONCURRENCY, tokens: tokensOf(workers), requests, groupSize: 1, maxSeconds };
}

export function yardstickLoad(urls: string[], count: number, maxSeconds: number): LoadPhase {
    const requests = Array.from({ length: count }, (): LoadRequest => ({ method: 'GET', path: YARDSTICK_PATH }));
    return { urls, concurrency: CONCURRENCY, tokens: [], requests, groupSize: 1, maxSeconds };
}

function tokensOf(workers: BenchWorker[]): string[] {
    return workers.map((w) => w.token);
}
