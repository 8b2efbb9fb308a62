// Worker: this browser as a device of the network. Start registers it, connects to the hub and runs the tasks it is
// offered (their WebAssembly in a Web Worker); the view shows what it is doing and what it has earned.
import { tonText } from '../format/tonAmount';
import { useSession } from '../session/SessionContext';
import { Loading, Problem } from '../ui/Notice';
import { TrustBars } from './TrustBars';
import { useEngine } from './useEngine';

const STATE_WORDS: Record<string, string> = {
    stopped: 'Stopped',
    starting: 'Starting…',
    running: 'Running: waiting for offers',
    reconnecting: 'Reconnecting…',
    stopping: 'Stopping…',
    failed: 'Stopped by a problem',
};

export function WorkerView() {
    const handle = useEngine();
    const { grant } = useSession();

    if (handle.status === 'loading') return <section className="view" data-testid="worker-view"><Loading what="the worker" /></section>;
    if (handle.status === 'missing') {
        return (
            <section className="view" data-testid="worker-view">
                <Problem>This build has no browser worker engine.</Problem>
            </section>
        );
    }
    const { engine, snapshot } = handle;
    const busy = snapshot.state === 'starting' || snapshot.state === 'stopping';
    const active = snapshot.state === 'running' || snapshot.state === 'reconnecting' || snapshot.state === 'starting';

    return (
        <section className="view" data-testid="worker-view">
            <h2>Worker</h2>
            <p className="muted">
                Run tasks in this browser tab and earn TON. Only tasks whose minimum trust your device meets are offered; each
                module is checked against its SHA-256 and runs with time and memory limits.
            </p>
            <div className="card">
                <div className="row" style={{ justifyContent: 'space-between' }}>
                    <span data-testid="worker-state" data-state={snapshot.state}>
                        {STATE_WORDS[snapshot.state] ?? snapshot.state}
                    </span>
                    {active ? (
                        <button type="button" data-testid="worker-stop" disabled={busy} onClick={() => void engine.stop()}>
                            Stop
                        </button>
                    ) : (
                        <button type="button" className="primary" data-testid="worker-start" disabled={busy || !grant} onClick={() => grant && void engine.start(grant.token)}>
                            Start
                        </button>
                    )}
                </div>
                {snapshot.deviceId && (
                    <p className="muted">
                        Device <span className="mono" data-testid="worker-device">{snapshot.deviceId}</span>
                    </p>
                )}
                {snapshot.needsLogin && grant && (
                    <p>
                        The service asked for a new login.{' '}
                        <button type="button" data-testid="worker-resume" onClick={() => void engine.start(grant.token)}>
                            Resume with this session
                        </button>
                    </p>
                )}
                <Problem testId="worker-problem">{snapshot.problem}</Problem>
            </div>

            <div className="numbers">
                <Number label="Results done" value={snapshot.done} testId="worker-done" />
                <Number label="Valid" value={snapshot.valid} testId="worker-valid" />
                <Number label="Invalid" value={snapshot.invalid} testId="worker-invalid" />
                <Number label="Could not run" value={snapshot.failed} testId="worker-failed" />
            </div>
            <div className="card">
                <div className="muted">Earned this session (gross, before the platform fee)</div>
                <div className="value" style={{ fontSize: '1.3rem', fontWeight: 600 }} data-testid="worker-earnings" data-nanotons={snapshot.earnings.toString()}>
                    {tonText(snapshot.earnings)}
                </div>
                <div className="hint">Claim it on the Payouts tab.</div>
            </div>

            <h3>Active tasks</h3>
            {snapshot.activeTasks.length === 0 ? (
                <p className="muted empty" data-testid="worker-no-tasks">
                    {active ? 'No task right now; offers arrive as requesters fund them.' : 'Start the worker to take tasks.'}
                </p>
            ) : (
                <ul className="list" data-testid="worker-tasks">
                    {snapshot.activeTasks.map((t) => (
                        <li key={t.task_id} data-testid="worker-task" data-task-id={t.task_id} data-phase={t.phase}>
                            <div className="row" style={{ justifyContent: 'space-between' }}>
                                <span className="mono">{t.task_id}</span>
                                <span className="badge">{t.operation}</span>
                            </div>
                            <div className="muted">
                                {t.phase} · pays {tonText(t.reward_per_result)}
                            </div>
                        </li>
                    ))}
                </ul>
            )}

            <h3>Trust</h3>
            {snapshot.trust ? <TrustBars trust={snapshot.trust} /> : <p className="muted">Shown once the hub sends this device's trust.</p>}
        </section>
    );
}

function Number({ label, value, testId }: { label: string; value: number; testId: string }) {
    return (
        <div className="number">
            <div className="value" data-testid={testId}>
                {value}
            </div>
            <div className="label">{label}</div>
        </div>
    );
}
