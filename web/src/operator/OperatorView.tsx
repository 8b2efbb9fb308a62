// Operator: the service's live numbers (GET /api/v1/stats, refreshed every two seconds). The service computes them;
// the page only keeps the last few samples of each to draw how they move.
import { ReactNode, useEffect, useState } from 'react';
import type { ServiceStats } from '../../../protocol';
import { tonText } from '../format/tonAmount';
import { useSession } from '../session/SessionContext';
import { Loading, Problem } from '../ui/Notice';
import { Bars, LabelledBars, Sparkline } from './charts';

const REFRESH_MS = 2_000;
const SAMPLES_KEPT = 60;

export function OperatorView() {
    const { api } = useSession();
    const [history, setHistory] = useState<ServiceStats[]>([]);
    const [problem, setProblem] = useState<string>();

    useEffect(() => {
        let live = true;
        const load = () =>
            api<ServiceStats>('GET', '/api/v1/stats').then(
                (stats) => {
                    if (!live) return;
                    setHistory((all) => [...all, stats].slice(-SAMPLES_KEPT));
                    setProblem(undefined);
                },
                (err: Error) => live && setProblem(`the numbers could not be loaded: ${err.message}`),
            );
        void load();
        const timer = setInterval(() => void load(), REFRESH_MS);
        return () => {
            live = false;
            clearInterval(timer);
        };
    }, [api]);

    const s = history.at(-1);
    return (
        <section className="view" data-testid="operator-view">
            <h2>Operator</h2>
            <Problem testId="operator-problem">{problem}</Problem>
            {!s && !problem && <Loading what="the service's numbers" testId="operator-loading" />}
            {s && (
                <>
                    <div className="numbers">
                        <Stat label="Devices connected" value={String(s.devices.connected)} sub={`of ${s.devices.registered} registered`} testId="stat-connected">
                            <Sparkline values={history.map((h) => h.devices.connected)} title="devices connected over the last two minutes" />
                        </Stat>
                        <Stat label="Results per second" value={s.results.per_second.toFixed(2)} sub="over the last minute" testId="stat-results-per-second">
                            <Bars
                                values={s.results.timeline.map((b) => b.results)}
                                labels={s.results.timeline.map((b) => new Date(b.start_ms).toLocaleTimeString())}
                                title={`results per ${s.results.bucket_ms / 1000} s over the last five minutes`}
                                testId="chart-results"
                            />
                        </Stat>
                        <Stat label="Queue depth" value={String(s.queue.free_slots)} sub={`free slots · ${s.queue.outbox} in outbox`} testId="stat-queue">
                            <Sparkline values={history.map((h) => h.queue.free_slots)} title="free slots over the last two minutes" />
                        </Stat>
                        <Stat
                            label="Chain-watch lag"
                            value={s.chain_watch.lag_ms === null ? '—' : `${(s.chain_watch.lag_ms / 1000).toFixed(1)} s`}
                            sub={`${s.chain_watch.awaiting_escrow} escrows, ${s.chain_watch.unpaid_intents} claims to watch`}
                            testId="stat-chain-lag"
                        >
                            <Sparkline values={history.map((h) => h.chain_watch.lag_ms ?? 0)} title="chain-watch lag over the last two minutes" />
                        </Stat>
                    </div>
                    <div className="grid">
                        <div className="card">
                            <h3>Tasks by status</h3>
                            <LabelledBars entries={Object.entries(s.tasks).map(([status, n]) => [status.replace('_', ' '), n])} testId="stat-tasks" />
                        </div>
                        <div className="card">
                            <h3>Payout intents</h3>
                            <LabelledBars
                                entries={[
                                    ['issued', s.intents.issued],
                                    ['paid', s.intents.paid],
                                ]}
                                testId="stat-intents"
                            />
                            <p className="muted">
                                Paid out: <span data-testid="stat-paid-amount" data-nanotons={s.intents.paid_amount}>{tonText(s.intents.paid_amount)}</span> ·
                                offers sent: {s.queue.offers_sent}
                            </p>
                        </div>
                        <div className="card">
                            <h3>Trust distribution</h3>
                            <Bars
                                values={s.trust.map((b) => b.devices)}
                                labels={s.trust.map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}`)}
                                title="registered devices by trust score, 0 to 1"
                                testId="chart-trust"
                            />
                            <div className="row hint" style={{ justifyContent: 'space-between' }}>
                                <span>0</span>
                                <span>trust score</span>
                                <span>1</span>
                            </div>
                        </div>
                    </div>
                    <p className="hint">Updated {new Date(s.at_ms).toLocaleTimeString()}.</p>
                </>
            )}
        </section>
    );
}

function Stat({ label, value, sub, testId, children }: { label: string; value: string; sub: string; testId: string; children: ReactNode }) {
    return (
        <div className="number">
            <div className="value" data-testid={testId}>
                {value}
            </div>
            <div className="label">{label}</div>
            <div className="hint">{sub}</div>
            {children}
        </div>
    );
}
