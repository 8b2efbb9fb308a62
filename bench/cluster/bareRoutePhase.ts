// The yardstick phase: the bare route (bareRoute.ts) in a process of its own, under the same load client.
import { spawnTypeScript, stopChild } from '../../demo/childProcesses';
import { freePort } from '../../tests/backend/queue/redisServer';
import { LoadGenerator } from '../load/loadGenerator';
import { YARDSTICK_PATH } from '../service/benchService';
import { yardstickLoad } from '../service/serviceLoad';
import { ClusterPhase, measureClusterPhase } from './clusterPhase';

const READY_WITHIN_MS = 30_000;

export async function measureBareRoute(load: LoadGenerator, requests: number, seconds: number): Promise<ClusterPhase> {
    const port = await freePort();
    const child = spawnTypeScript('bench/cluster/bareRoute.ts', [], { PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    try {
        await waitForRoute(`${url}${YARDSTICK_PATH}`);
        const sources = [
            { name: 'bare', pid: child.pid! },
            { name: 'load', pid: load.pid },
        ];
        await measureClusterPhase(load, 'warm-up bare route', yardstickLoad([url], Math.ceil(requests / 10), seconds), sources);
        return await measureClusterPhase(load, 'bare route', yardstickLoad([url], requests, seconds), sources);
    } finally {
        await stopChild(child);
    }
}

async function waitForRoute(url: string): Promise<void> {
    const until = Date.now() + READY_WITHIN_MS;
    while (!(await fetch(url).then((r) => r.ok, () => false))) {
        if (Date.now() > until) throw new Error(`the bare route at ${url} did not answer within ${READY_WITHIN_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
