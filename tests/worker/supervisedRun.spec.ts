// The time budget both hosts share (a Node thread, a browser Web Worker), against scripted runners: the budget
// counts from the runner's "started", a runner that overruns it is terminated and the run is a timeout, and the run
// settles only once the runner is gone.
import { RunnerSignals, superviseRun } from '../../worker/src/execute/supervisedRun';

interface ScriptedRunner {
    signals: RunnerSignals;
    terminated: number;
}

function scripted(onStart: (runner: ScriptedRunner) => void, terminateMs = 0) {
    const runner = { terminated: 0 } as ScriptedRunner;
    return {
        runner,
        start(signals: RunnerSignals) {
            runner.signals = signals;
            onStart(runner);
            return {
                terminate: () =>
                    new Promise<void>((resolve) =>
                        setTimeout(() => {
                            runner.terminated++;
                            resolve();
                        }, terminateMs),
                    ),
            };
        },
    };
}

const later = (ms: number, act: () => void) => setTimeout(act, ms);

it('a report before the budget is the result, and the runner is terminated before the run settles', async () => {
    const { runner, start } = scripted((r) => {
        later(5, () => r.signals.report({ kind: 'started' }));
        later(10, () => r.signals.report({ kind: 'returned', value: 7, span: null }));
    }, 30);
    const result = await superviseRun(start, 1_000);
    expect(result).toEqual({ kind: 'returned', value: 7, span: null });
    expect(runner.terminated).toBe(1);
});

it('the budget counts from "started": a slow start-up is not the module\'s time', async () => {
    const { start } = scripted((r) => {
        later(150, () => r.signals.report({ kind: 'started' }));
        later(200, () => r.signals.report({ kind: 'returned', value: 1, span: null }));
    });
    expect(await superviseRun(start, 100)).toEqual({ kind: 'returned', value: 1, span: null });
});

it('a runner that overruns its budget is terminated and the run is a timeout', async () => {
    const { runner, start } = scripted((r) => later(1, () => r.signals.report({ kind: 'started' })));
    const began = Date.now();
    expect(await superviseRun(start, 80)).toEqual({ kind: 'failed', reason: 'timeout', message: 'the module ran longer than 80 ms' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(80);
    expect(runner.terminated).toBe(1);
});

it('a report after the timeout changes nothing', async () => {
    const { start } = scripted((r) => {
        later(1, () => r.signals.report({ kind: 'started' }));
        later(60, () => r.signals.report({ kind: 'returned', value: 1, span: null }));
    }, 40);
    expect(await superviseRun(start, 20)).toMatchObject({ reason: 'timeout' });
});

it('a runner that never starts is the host\'s fault: the run rejects after the grace', async () => {
    const { runner, start } = scripted(() => undefined);
    await expect(superviseRun(start, 10, 50)).rejects.toThrow('the sandbox did not start within 50 ms');
    expect(runner.terminated).toBe(1);
});

it('a runner whose heap runs out is the module\'s memory_limit; a broken runner rejects', async () => {
    const oom = scripted((r) => later(1, () => r.signals.outOfMemory('out of heap')));
    expect(await superviseRun(oom.start, 1_000)).toEqual({ kind: 'failed', reason: 'memory_limit', message: 'out of heap' });
    const broken = scripted((r) => later(1, () => r.signals.broke(new Error('no such script'))));
    await expect(superviseRun(broken.start, 1_000)).rejects.toThrow('no such script');
});

it('a runner that signals while it is being started is still terminated', async () => {
    const { runner, start } = scripted((r) => r.signals.report({ kind: 'failed', reason: 'trap', message: 'at once' }));
    expect(await superviseRun(start, 1_000)).toEqual({ kind: 'failed', reason: 'trap', message: 'at once' });
    expect(runner.terminated).toBe(1);
});
