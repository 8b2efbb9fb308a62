// Watches this process's event loop: the longest delay (a timer every millisecond that fires late by however long
// the loop was held) per measured window, beside what tells the causes of a long one apart: the longest
// garbage-collection pause within the windows, and the longest delay over an idle stretch (the process doing
// nothing, so whatever shows is the machine's: other processes holding the CPUs).
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

interface Span {
    start: number;
    end: number;
}

export class LoopWatch {
    private readonly delay = monitorEventLoopDelay({ resolution: 1 });
    private readonly gc: PerformanceObserver;
    private readonly gcPauses: Span[] = [];
    private readonly windows: Span[] = [];
    /** Longest delay of each window, in ms. */
    readonly windowMaxMs: number[] = [];

    constructor() {
        // GC entries arrive after the fact, so they are matched to windows by their start time, not their arrival.
        this.gc = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) this.gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
        });
        this.gc.observe({ entryTypes: ['gc'] });
        this.delay.enable();
    }

    /** The longest delay over `ms` of doing nothing. */
    async idleBaselineMs(ms: number): Promise<number> {
        this.delay.reset();
        await sleep(ms);
        return this.delay.max / 1e6;
    }

    /** Runs `work` as one window. */
    async window<T>(work: () => Promise<T>): Promise<T> {
        this.delay.reset();
        const start = performance.now();
        try {
            return await work();
        } finally {
            this.windows.push({ start, end: performance.now() });
            this.windowMaxMs.push(this.delay.max / 1e6);
        }
    }

    /** Longest garbage-collection pause that began within a window, in ms; call after stop(). */
    maxGcPauseMs(): number {
        const inWindow = (pause: Span) => this.windows.some((w) => pause.start >= w.start && pause.start < w.end);
        return this.gcPauses.filter(inWindow).reduce((max, pause) => Math.max(max, pause.end - pause.start), 0);
    }

    /** Stops watching; entries of pauses already over are delivered first. */
    async stop(): Promise<void> {
        this.delay.disable();
        await sleep(0);
        for (const entry of this.gc.takeRecords()) this.gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
        this.gc.disconnect();
    }
}
