// After a result is in: wait for the task's decision, ask for the payout intent, send its comment from the
// wallet, and confirm the escrow paid by the credit it sends back. Each task ends as paid or not paid, once.
import { Address } from '@ton/core';
import { PayoutIntent, TaskView } from '../../../protocol';
import { ClaimSender, WalletCredit } from '../../../client/claimSender';
import { claimTransferOf } from '../../../client/claimTransfer';
import { ServiceApi } from '../../../client/serviceApi';
import { ServiceError } from '../../../client/serviceError';
import { sleep } from '../../../client/sleep';
import { NotPaidReason, WorkerEvent } from './workerEvents';

export interface PayoutTiming {
    /** How often undecided tasks are looked at; a trust frame or a verdict looks at once. */
    statusPollMs: number;
    /** Between reads of the wallet's incoming messages after a claim was sent. */
    confirmPollMs: number;
    /** How long to wait for the escrow's answer to a claim. */
    confirmTimeoutMs: number;
}

/**
 * Who claims a valid result's reward: the worker itself (`auto`), or, with `off`, the executor later by hand (the web
 * app's Payouts view, or `requester intent` and the claimReward script); then the worker never sends a claim.
 */
export type ClaimMode = 'auto' | 'off';
export const CLAIM_MODES: readonly ClaimMode[] = ['auto', 'off'];

export const DEFAULT_PAYOUT_TIMING: PayoutTiming = { statusPollMs: 3_000, confirmPollMs: 2_000, confirmTimeoutMs: 120_000 };

export type PayoutOutcome =
    | { kind: 'paid'; taskId: string; executorReward: bigint; credited: bigint | null }
    | { kind: 'not_paid'; taskId: string; reason: NotPaidReason; detail: string };

/** Send attempts per task before it is given up as not paid. */
const SEND_ATTEMPTS = 3;
/** A task still undecided this long after its deadline is given up: the escrow no longer pays. */
const DEADLINE_GRACE_SECONDS = 120;

interface Watched {
    task: TaskView;
    sendAttempts: number;
}

export class PayoutClaimer {
    private readonly watched = new Map<string, Watched>();
    private readonly busy = new Set<string>();
    private readonly stopping = new AbortController();
    private timer: NodeJS.Timeout | null = null;
    private round: Promise<void> | null = null;
    private lookAgain = false;

    constructor(
        private readonly api: ServiceApi,
        private readonly sender: ClaimSender,
        private readonly settled: (outcome: PayoutOutcome) => void,
        private readonly emit: (event: WorkerEvent) => void,
        private readonly timing: PayoutTiming = DEFAULT_PAYOUT_TIMING,
        private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
    ) {}

    /** Tasks waiting for a decision or a payment. */
    get pending(): number {
        return this.watched.size;
    }

    start(): void {
        this.timer = setInterval(() => this.nudge(), this.timing.statusPollMs);
    }

    async stop(): Promise<void> {
        if (this.timer) clearInterval(this.timer);
        this.stopping.abort();
        await this.round;
    }

    watch(task: TaskView): void {
        this.watched.set(task.task_id, { task, sendAttempts: 0 });
        this.nudge();
    }

    /** Looks at every watched task now (something may have been decided). */
    nudge(): void {
        if (this.stopping.signal.aborted) return;
        if (this.round) {
            // Something changed while a round runs: it may have read the task just before; look once more after it.
            this.lookAgain = true;
            return;
        }
        this.round = this.lookAtAll().finally(() => {
            this.round = null;
            if (this.lookAgain) {
                this.lookAgain = false;
                this.nudge();
            }
        });
    }

    private async lookAtAll(): Promise<void> {
        await Promise.all(
            [...this.watched.keys()].filter((id) => !this.busy.has(id)).map(async (taskId) => {
                this.busy.add(taskId);
                try {
                    await this.lookAt(this.watched.get(taskId)!);
                } catch (error) {
                    this.emit({ type: 'warning', message: `task ${taskId}: ${(error as Error).message}` });
                } finally {
                    this.busy.delete(taskId);
                }
            }),
        );
    }

    private async lookAt(entry: Watched): Promise<void> {
        const taskId = entry.task.task_id;
        let task: TaskView;
        try {
            task = await this.api.task(taskId);
        } catch (error) {
            if (error instanceof ServiceError && error.transient) return;
            throw error;
        }
        entry.task = task;
        if (task.status === 'failed') return this.settle({ kind: 'not_paid', taskId, reason: 'task_failed', detail: 'no majority within the result cap' });
        if (task.status === 'expired') return this.settle({ kind: 'not_paid', taskId, reason: 'task_expired', detail: 'the deadline passed undecided' });
        if (task.status !== 'validated') {
            if (this.nowSeconds() > task.deadline + DEADLINE_GRACE_SECONDS) {
                this.settle({ kind: 'not_paid', taskId, reason: 'past_deadline', detail: `still ${task.status} after its deadline` });
            }
            return;
        }
        await this.claim(entry);
    }

    private async claim(entry: Watched): Promise<void> {
        const { task } = entry;
        const taskId = task.task_id;
        const intent = await this.intentFor(task);
        if (intent === null) return;
        if ('kind' in intent) return this.settle(intent);

        let transfer;
        try {
            transfer = claimTransferOf(intent, task);
        } catch (error) {
            return this.settle({ kind: 'not_paid', taskId, reason: 'bad_intent', detail: (error as Error).message });
        }
        const reward = BigInt(intent.executor_reward);
        const credits = await this.sender.creditsFrom(transfer.to);
        // An escrow pays a wallet once: a payment already here means an earlier attempt got through after all.
        const earlier = credits.find((credit) => !credit.bounced && credit.value >= reward);
        if (earlier) return this.settle({ kind: 'paid', taskId, executorReward: reward, credited: earlier.value });
        const lastSeen = credits[0]?.lt ?? -1n;
        try {
            entry.sendAttempts++;
            await this.sender.send(transfer);
        } catch (error) {
            if (entry.sendAttempts < SEND_ATTEMPTS) {
                this.emit({ type: 'warning', message: `task ${taskId}: claim not sent, will retry: ${(error as Error).message}` });
                return;
            }
            return this.settle({ kind: 'not_paid', taskId, reason: 'send_failed', detail: (error as Error).message });
        }
        this.emit({ type: 'claim_sent', task_id: taskId, escrow: intent.to_address, attached: intent.amount });

        const answer = await this.escrowAnswer(transfer.to, lastSeen, reward);
        if (answer && !answer.bounced) return this.settle({ kind: 'paid', taskId, executorReward: reward, credited: answer.value });
        // Bounced or unseen: the service may still know the claim was paid (another attempt, a slow indexer).
        const again = await this.intentFor(task);
        if (again !== null && 'kind' in again && again.kind === 'paid') return this.settle(again);
        this.settle(
            answer
                ? { kind: 'not_paid', taskId, reason: 'claim_bounced', detail: 'the escrow refused the claim and returned the attached value' }
                : { kind: 'not_paid', taskId, reason: 'unconfirmed', detail: this.stopping.signal.aborted ? 'stopped before the escrow answered' : `no answer from the escrow within ${this.timing.confirmTimeoutMs} ms` },
        );
    }

    /** The intent; or how the task ends when the service will not issue one; or null to look again later. */
    private async intentFor(task: TaskView): Promise<PayoutIntent | PayoutOutcome | null> {
        const taskId = task.task_id;
        try {
            return await this.api.payoutIntent(taskId, this.sender.address.toRawString());
        } catch (error) {
            if (!(error instanceof ServiceError)) throw error;
            if (error.transient || error.code === 'TASK_NOT_VALIDATED') return null;
            switch (error.code) {
                case 'ALREADY_PAID':
                    return { kind: 'paid', taskId, executorReward: executorRewardOf(task), credited: null };
                case 'NOT_IN_MAJORITY':
                    return { kind: 'not_paid', taskId, reason: 'invalid_result', detail: error.message };
                case 'TASK_PAST_DEADLINE':
                    return { kind: 'not_paid', taskId, reason: 'past_deadline', detail: error.message };
                default:
                    return { kind: 'not_paid', taskId, reason: 'refused', detail: error.message };
            }
        }
    }

    /** The escrow's first message to the wallet after `afterLt`: the payment, or a bounce; null if none came. */
    private async escrowAnswer(escrow: Address, afterLt: bigint, reward: bigint): Promise<WalletCredit | null> {
        const giveUpAt = Date.now() + this.timing.confirmTimeoutMs;
        while (!this.stopping.signal.aborted && Date.now() < giveUpAt) {
            try {
                const fresh = (await this.sender.creditsFrom(escrow)).filter((credit) => credit.lt > afterLt);
                const answer = fresh.find((credit) => credit.bounced || credit.value >= reward);
                if (answer) return answer;
            } catch (error) {
                // The claim is out; a failed read must not make it look unsent, or it would be sent twice.
                this.emit({ type: 'warning', message: `reading the wallet's transactions failed: ${(error as Error).message}` });
            }
            await sleep(this.timing.confirmPollMs, this.stopping.signal);
        }
        return null;
    }

    private settle(outcome: PayoutOutcome): void {
        if (!this.watched.delete(outcome.taskId)) return;
        this.settled(outcome);
    }
}

/** What the escrow pays the executor: the gross reward less the platform fee, rounded as the contract does. */
export function executorRewardOf(task: TaskView): bigint {
    const gross = BigInt(task.reward_per_result);
    return gross - (gross * BigInt(task.fee_bps ?? 0)) / 10_000n;
}
