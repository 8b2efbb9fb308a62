// One of the requester's tasks, followed live: fund it with one TonConnect transaction, watch it go from awaiting
// escrow to validated, read the canonical result and who was paid, and close the escrow after the deadline to get
// the unspent budget back.
import { useCallback, useEffect, useState } from 'react';
import { useTonConnectUI, UserRejectsError } from '@tonconnect/ui-react';
import type { CloseTransaction, EscrowState, TaskResults, TaskView, TonConnectTransaction } from '../../../protocol';
import { ApiError } from '../api/apiClient';
import { tonText } from '../format/tonAmount';
import { localTime, relativeTime } from '../format/time';
import { useSession } from '../session/SessionContext';
import { AddressText } from '../ui/Address';
import { Problem } from '../ui/Notice';
import { pastDeadline } from './pastDeadline';

const POLL_MS = 3_000;
const FINAL = new Set(['validated', 'failed', 'expired']);

type Step = { kind: 'idle' } | { kind: 'signing' } | { kind: 'sent' };

export function TaskCard({ initial, funding }: { initial: TaskView; funding?: TonConnectTransaction }) {
    const { api } = useSession();
    const [tonConnectUI] = useTonConnectUI();
    const [task, setTask] = useState(initial);
    const [outcome, setOutcome] = useState<TaskResults>();
    const [fundStep, setFundStep] = useState<Step>({ kind: 'idle' });
    const [closeStep, setCloseStep] = useState<Step>({ kind: 'idle' });
    const [closed, setClosed] = useState(false);
    const [message, setMessage] = useState<{ text: string; good?: boolean }>();
    const [nowMs, setNowMs] = useState(Date.now());

    const closable = pastDeadline(nowMs, task.deadline);
    const final = FINAL.has(task.status);

    const follow = useCallback(async () => {
        setNowMs(Date.now());
        try {
            let view = await api<TaskView>('GET', `/api/v1/tasks/${task.task_id}`);
            // After funding, once the chain shows the escrow, ask the service to confirm it now rather than at its
            // next round. Reading the escrow first keeps the page from provoking refusals while the funding travels.
            if (view.status === 'awaiting_escrow' && fundStep.kind === 'sent') {
                const escrow = await api<EscrowState>('GET', `/api/v1/tasks/${task.task_id}/escrow`);
                if (escrow.deployed) view = await api<TaskView>('POST', `/api/v1/tasks/${task.task_id}/confirm-escrow`);
            }
            setTask(view);
            if (fundStep.kind === 'sent' && view.status !== 'awaiting_escrow') {
                setFundStep({ kind: 'idle' });
                setMessage(undefined);
            }
            if (view.status === 'validated' || view.status === 'failed') setOutcome(await api<TaskResults>('GET', `/api/v1/tasks/${task.task_id}/outcome`));
            if (closeStep.kind === 'sent') {
                const escrow = await api<EscrowState>('GET', `/api/v1/tasks/${task.task_id}/escrow`);
                if (!escrow.deployed) {
                    setClosed(true);
                    setCloseStep({ kind: 'idle' });
                    setMessage({ text: 'the escrow is closed: the unspent budget went back to your wallet', good: true });
                }
            }
        } catch (err) {
            setMessage({ text: err instanceof ApiError ? `${err.code}: ${err.message}` : (err as Error).message });
        }
    }, [api, task.task_id, fundStep.kind, closeStep.kind]);

    // Followed until it is final, its valid results are all paid, and no close is on its way.
    const waitingForPayments = outcome?.results.some((r) => r.verdict === 'valid' && r.paid === null) ?? false;
    const following = !final || waitingForPayments || closeStep.kind === 'sent';
    useEffect(() => {
        if (!following) return;
        const timer = setInterval(() => void follow(), POLL_MS);
        return () => clearInterval(timer);
    }, [follow, following]);

    // The clock alone decides when the deadline has passed and the escrow may be closed.
    useEffect(() => {
        const timer = setInterval(() => setNowMs(Date.now()), 5_000);
        return () => clearInterval(timer);
    }, []);

    useEffect(() => {
        void follow();
        // Once, on mount: the interval above keeps it current.
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, []);

    async function fund(): Promise<void> {
        if (!funding) return;
        setFundStep({ kind: 'signing' });
        setMessage({ text: 'confirm the funding in your wallet…', good: true });
        try {
            await tonConnectUI.sendTransaction(funding);
            setFundStep({ kind: 'sent' });
            setMessage({ text: 'funding sent; waiting for the chain to show the escrow…', good: true });
        } catch (err) {
            setFundStep({ kind: 'idle' });
            setMessage({ text: walletProblem(err, funding.validUntil, 'funding') });
        }
    }

    async function close(): Promise<void> {
        setCloseStep({ kind: 'signing' });
        let prepared: CloseTransaction;
        try {
            const escrow = await api<EscrowState>('GET', `/api/v1/tasks/${task.task_id}/escrow`);
            if (!escrow.deployed) {
                setCloseStep({ kind: 'idle' });
                setClosed(true);
                setMessage({ text: 'the escrow is already closed (or was never funded): nothing to recover', good: true });
                return;
            }
            prepared = await api<CloseTransaction>('GET', `/api/v1/tasks/${task.task_id}/close-transaction`);
        } catch (err) {
            setCloseStep({ kind: 'idle' });
            if (err instanceof ApiError && err.code === 'ESCROW_NOT_FOUND') {
                setClosed(true);
                setMessage({ text: 'the escrow is already closed (or was never funded): nothing to recover', good: true });
            } else setMessage({ text: err instanceof ApiError ? err.message : (err as Error).message });
            return;
        }
        setMessage({ text: `confirm in your wallet: the escrow returns ${tonText(prepared.remaining)} to you`, good: true });
        try {
            await tonConnectUI.sendTransaction(prepared.transaction);
            setCloseStep({ kind: 'sent' });
            setMessage({ text: 'close sent; waiting for the chain…', good: true });
        } catch (err) {
            setCloseStep({ kind: 'idle' });
            setMessage({ text: walletProblem(err, prepared.transaction.validUntil, 'close') });
        }
    }

    return (
        <li data-testid="task-card" data-task-id={task.task_id} data-status={task.status} data-closed={closed ? 'true' : 'false'}>
            <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>
                    Task <span className="mono">{task.task_id}</span>
                </strong>
                <span className={`badge ${task.status === 'validated' ? 'good' : task.status === 'failed' || task.status === 'expired' ? 'bad' : ''}`} data-testid="task-status">
                    {task.status.replace('_', ' ')}
                </span>
            </div>
            <dl className="kv">
                <dt>Module</dt>
                <dd>{task.operation}</dd>
                <dt>Budget</dt>
                <dd data-testid="task-budget-shown" data-nanotons={task.budget}>
                    {tonText(task.budget)} <span className="muted">({tonText(task.reward_per_result)} per result)</span>
                </dd>
                <dt>Results</dt>
                <dd>
                    {task.redundancy} agreeing (up to {task.max_results}) · min trust {task.min_trust_score}
                </dd>
                <dt>Deadline</dt>
                <dd>
                    {localTime(task.deadline)} <span className="muted">({relativeTime(task.deadline, nowMs)})</span>
                </dd>
                <dt>Escrow</dt>
                <dd>
                    <AddressText address={task.escrow_address} kind="contract" testId="task-escrow" />
                </dd>
            </dl>
            {task.escrow_problem && <Problem testId="task-escrow-problem">the escrow on chain does not match the task: {task.escrow_problem}</Problem>}

            {task.status === 'awaiting_escrow' && funding && fundStep.kind !== 'sent' && (
                <button type="button" className="primary" data-testid="fund-task" disabled={fundStep.kind !== 'idle'} onClick={() => void fund()}>
                    Fund with wallet ({tonText(funding.messages.reduce((sum, m) => sum + BigInt(m.amount), 0n))})
                </button>
            )}
            {task.status === 'awaiting_escrow' && !funding && <p className="muted">Awaiting its escrow.</p>}

            {outcome && (
                <div data-testid="task-outcome">
                    {outcome.canonical_output !== null && (
                        <>
                            <h3>Result</h3>
                            <pre className="mono card" data-testid="task-result">
                                {JSON.stringify(outcome.canonical_output, null, 2)}
                            </pre>
                        </>
                    )}
                    <h3>Workers</h3>
                    <ul className="list" data-testid="task-workers">
                        {outcome.results.map((r) => (
                            <li key={r.wallet} data-testid="task-worker" data-wallet={r.wallet} data-verdict={r.verdict ?? 'pending'} data-paid={r.paid ? 'true' : 'false'}>
                                <AddressText address={r.wallet} kind="wallet" />{' '}
                                <span className={`badge ${r.verdict === 'valid' ? 'good' : r.verdict === 'invalid' ? 'bad' : ''}`}>{r.verdict ?? 'pending'}</span>{' '}
                                {r.paid ? <span className="success">paid {tonText(r.paid.amount)}</span> : r.verdict === 'valid' ? <span className="muted">not claimed yet</span> : null}
                            </li>
                        ))}
                    </ul>
                </div>
            )}

            {closable && task.status !== 'awaiting_escrow' && !closed && (
                <button type="button" data-testid="close-task" disabled={closeStep.kind !== 'idle'} onClick={() => void close()}>
                    Close escrow and recover the unspent budget
                </button>
            )}
            {closed && (
                <p className="success" data-testid="task-closed">
                    Escrow closed.
                </p>
            )}
            {message && (
                <p className={message.good ? 'muted' : 'problem'} role={message.good ? 'status' : 'alert'} data-testid="task-message">
                    {message.text}
                </p>
            )}
        </li>
    );
}

function walletProblem(err: unknown, validUntil: number, what: string): string {
    if (err instanceof UserRejectsError) return `you declined the ${what} in your wallet; nothing was sent`;
    if (Date.now() / 1000 >= validUntil) return `the ${what} transaction expired before it was signed; try again`;
    const text = (err as Error)?.message ?? String(err);
    if (/insufficient|not enough|balance/i.test(text)) return `your wallet has too little TON for the ${what}`;
    return `the wallet did not send the ${what}: ${text}`;
}
