// The one clock a bench and its child processes all read: milliseconds since the epoch at sub-millisecond
// resolution. Date.now() is whole milliseconds, too coarse for a fan-out that takes tens of them.
import { performance } from 'node:perf_hooks';

export function epochMs(): number {
    return performance.timeOrigin + performance.now();
}
