// Payouts (the pull model): every reward this wallet earned and has not been paid gets a Claim reward button; the
// paid ones show what arrived. The wallet sends each claim itself, signed through TonConnect.
import { useCallback, useEffect, useState } from 'react';
import { Empty, Loading, Problem } from '../ui/Notice';
import { ClaimState, PayoutRow } from './PayoutRow';
import { usePayouts } from './usePayouts';

const IDLE: ClaimState = { phase: 'idle' };

export function PayoutsView() {
    const [claims, setClaims] = useState<Record<string, ClaimState>>({});
    const waiting = Object.values(claims).some((c) => c.phase === 'waiting');
    const { payouts, problem, refresh } = usePayouts(waiting);
    const setClaim = useCallback((taskId: string, state: ClaimState) => setClaims((all) => ({ ...all, [taskId]: state })), []);

    // A claim the chain shows paid is over: the row moves to Paid and polling slows down again.
    useEffect(() => {
        const paidIds = payouts?.filter((p) => p.paid !== null && claims[p.task_id]).map((p) => p.task_id) ?? [];
        if (paidIds.length > 0) setClaims((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !paidIds.includes(id))));
    }, [payouts, claims]);

    const unpaid = payouts?.filter((p) => p.paid === null) ?? [];
    const paid = payouts?.filter((p) => p.paid !== null) ?? [];

    return (
        <section className="view" data-testid="payouts-view">
            <h2>Payouts</h2>
            <p className="muted">
                Rewards for your valid results. Claiming sends one transaction from your wallet to the task's escrow, which pays
                the reward to you (the 0.05 TON attached for gas comes back with it).
            </p>
            <Problem testId="payouts-problem">{problem}</Problem>
            {payouts === undefined && !problem && <Loading what="your rewards" testId="payouts-loading" />}
            {payouts !== undefined && (
                <>
                    <h3>To claim</h3>
                    {unpaid.length === 0 ? (
                        <Empty testId="payouts-empty">Nothing to claim yet. Rewards appear here once a task you worked on is validated.</Empty>
                    ) : (
                        <ul className="list" data-testid="payouts-unpaid">
                            {unpaid.map((p) => (
                                <PayoutRow
                                    key={p.task_id}
                                    payout={p}
                                    claim={claims[p.task_id] ?? IDLE}
                                    setClaim={(state) => setClaim(p.task_id, state)}
                                    refresh={refresh}
                                />
                            ))}
                        </ul>
                    )}
                    {paid.length > 0 && (
                        <>
                            <h3>Paid</h3>
                            <ul className="list" data-testid="payouts-paid">
                                {paid.map((p) => (
                                    <PayoutRow key={p.task_id} payout={p} claim={IDLE} setClaim={() => undefined} refresh={refresh} />
                                ))}
                            </ul>
                        </>
                    )}
                </>
            )}
        </section>
    );
}
