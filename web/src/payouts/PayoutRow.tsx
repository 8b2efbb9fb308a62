// One reward: what it pays, the fee, until when it can be claimed, and the Claim reward button that fetches the
// intent and has the wallet send it. The row follows its claim until the chain shows it paid.
import { useTonConnectUI } from '@tonconnect/ui-react';
import { INTENT_MIN_REMAINING_SECONDS, type PayoutEntry, type PayoutIntent } from '../../../protocol';
import { tonText } from '../format/tonAmount';
import { localTime, relativeTime } from '../format/time';
import { useSession } from '../session/SessionContext';
import { intentRefusal, PAST_DEADLINE_MESSAGE, walletRefusal } from './claimProblems';

export type ClaimPhase = 'idle' | 'preparing' | 'signing' | 'waiting';

export interface ClaimState {
    phase: ClaimPhase;
    message?: string;
    /** The message reports success (sent) rather than a problem. */
    good?: boolean;
}

export function PayoutRow({
    payout,
    claim,
    setClaim,
    refresh,
}: {
    payout: PayoutEntry;
    claim: ClaimState;
    setClaim(state: ClaimState): void;
    refresh(): Promise<void>;
}) {
    const [tonConnectUI] = useTonConnectUI();
    const { api, grant } = useSession();
    const paid = payout.paid !== null;
    const state = paid ? 'paid' : claim.phase === 'idle' ? 'claimable' : 'pending';
    const expiry = payout.intent_valid_until !== null && payout.intent_valid_until < payout.deadline ? payout.intent_valid_until : payout.deadline;

    async function claimReward(): Promise<void> {
        if (!grant) return;
        // The service signs no new intent this close to the escrow's deadline: say so without asking it.
        const nowSeconds = Date.now() / 1000;
        const current = payout.intent_valid_until !== null && payout.intent_valid_until - nowSeconds >= INTENT_MIN_REMAINING_SECONDS;
        if (!current && payout.deadline - nowSeconds < INTENT_MIN_REMAINING_SECONDS) {
            setClaim({ phase: 'idle', message: PAST_DEADLINE_MESSAGE });
            return;
        }
        setClaim({ phase: 'preparing' });
        let intent: PayoutIntent;
        try {
            intent = await api<PayoutIntent>('POST', '/api/v1/payments/payout-intent', { task_id: payout.task_id, executor_address: grant.address });
        } catch (err) {
            const outcome = intentRefusal(err);
            setClaim({ phase: 'idle', message: outcome.message });
            if (outcome.kind !== 'retry') await refresh();
            return;
        }
        setClaim({ phase: 'signing', message: 'confirm the claim in your wallet…', good: true });
        try {
            await tonConnectUI.sendTransaction(intent.transaction);
        } catch (err) {
            setClaim({ phase: 'idle', message: walletRefusal(err, intent.valid_until).message });
            return;
        }
        setClaim({ phase: 'waiting', message: 'sent; waiting for the chain to show the payment…', good: true });
        await refresh();
    }

    return (
        <li data-testid="payout-row" data-task-id={payout.task_id} data-state={state}>
            <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>
                    Task <span className="mono">{payout.task_id}</span>
                </strong>
                <span className="badge">{payout.operation}</span>
            </div>
            <dl className="kv">
                <dt>Reward</dt>
                <dd data-testid="payout-reward" data-nanotons={payout.executor_reward}>
                    {tonText(payout.executor_reward)}
                </dd>
                <dt>Fee</dt>
                <dd data-testid="payout-fee" data-nanotons={payout.platform_fee}>
                    {tonText(payout.platform_fee)} <span className="muted">of {tonText(payout.gross_amount)}</span>
                </dd>
                {!paid && (
                    <>
                        <dt>{payout.intent_valid_until !== null ? 'Claim valid until' : 'Claim before'}</dt>
                        <dd data-testid="payout-expiry" data-unix={expiry}>
                            {localTime(expiry)} <span className="muted">({relativeTime(expiry)})</span>
                        </dd>
                    </>
                )}
                {paid && (
                    <>
                        <dt>Received</dt>
                        <dd className="success" data-testid="payout-received" data-nanotons={payout.executor_reward}>
                            {tonText(payout.executor_reward)}
                        </dd>
                        <dt>Transaction</dt>
                        <dd className="mono" data-testid="payout-tx" title={payout.paid!.tx_hash}>
                            {payout.paid!.tx_hash.slice(0, 16)}…
                        </dd>
                    </>
                )}
            </dl>
            {!paid && (
                <button
                    type="button"
                    className="primary"
                    data-testid="claim-button"
                    disabled={claim.phase !== 'idle'}
                    onClick={() => void claimReward()}
                >
                    {claim.phase === 'idle' ? 'Claim reward' : claim.phase === 'waiting' ? 'Waiting for the chain…' : 'Claiming…'}
                </button>
            )}
            {claim.message && !paid && (
                <p className={claim.good ? 'muted' : 'problem'} role={claim.good ? 'status' : 'alert'} data-testid="claim-message">
                    {claim.message}
                </p>
            )}
        </li>
    );
}
