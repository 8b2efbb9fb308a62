// What the worker earned: each paid task's reward, the results it left for the executor to claim by hand, and the
// wallet's balance from start to end (which also counts the gas the claims cost).
import { NotPaidReason } from './workerEvents';

export interface PaidTask {
    task_id: string;
    /** Nanotons the escrow owed this worker (gross reward less the platform fee). */
    executor_reward: string;
    /** Nanotons the paying message carried (the reward plus unused claim gas); null when not observed. */
    credited: string | null;
}

export interface EarningsReport {
    tasks_paid: number;
    reward_total: string;
    balance_start: string | null;
    balance_end: string | null;
    balance_delta: string | null;
    paid: PaidTask[];
    not_paid: Array<{ task_id: string; reason: NotPaidReason; detail: string }>;
    /** Tasks whose result was submitted with claims off: each one that wins is the executor's to claim by hand. */
    left_to_claim: string[];
}

export class Earnings {
    private readonly paid = new Map<string, PaidTask>();
    private readonly notPaid = new Map<string, { task_id: string; reason: NotPaidReason; detail: string }>();
    private readonly leftToClaim = new Set<string>();

    get paidCount(): number {
        return this.paid.size;
    }

    recordPaid(task: PaidTask): void {
        this.paid.set(task.task_id, task);
    }

    recordNotPaid(taskId: string, reason: NotPaidReason, detail: string): void {
        this.notPaid.set(taskId, { task_id: taskId, reason, detail });
    }

    recordLeftToClaim(taskId: string): void {
        this.leftToClaim.add(taskId);
    }

    report(balanceStart: bigint | null, balanceEnd: bigint | null): EarningsReport {
        const paid = [...this.paid.values()];
        const total = paid.reduce((sum, task) => sum + BigInt(task.executor_reward), 0n);
        return {
            tasks_paid: paid.length,
            reward_total: total.toString(),
            balance_start: balanceStart?.toString() ?? null,
            balance_end: balanceEnd?.toString() ?? null,
            balance_delta: balanceStart !== null && balanceEnd !== null ? (balanceEnd - balanceStart).toString() : null,
            paid,
            not_paid: [...this.notPaid.values()],
            left_to_claim: [...this.leftToClaim],
        };
    }
}
