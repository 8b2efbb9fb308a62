// The closing tables: per task, per worker, and the reconciliation, in nanotons and TON.
import { Address, fromNano } from '@ton/core';
import { DeviceView, TaskView } from '../protocol';
import { LedgerEntry } from './ledger';
import { Reconciliation } from './reconcile';
import { DemoWorker } from './workers';

export interface TaskOutcome {
    view: TaskView;
    /** Per paid claim: what the escrow sent the executor less the gas the claim attached (its net gain). */
    payouts: bigint[];
    fee: bigint;
    refund: bigint;
}

/** What one escrow paid out, read from its transactions. */
export function taskOutcome(view: TaskView, escrowEntries: LedgerEntry[], workers: Address[], treasury: Address, requester: Address): TaskOutcome {
    const sent = escrowEntries.flatMap((e) => e.sent);
    const sum = (to: (a: Address) => boolean) => sent.filter((m) => to(m.to)).reduce((s, m) => s + m.value, 0n);
    const claims = escrowEntries.filter((e) => e.from !== null && workers.some((w) => w.equals(e.from!)));
    const netOf = (claim: LedgerEntry) => claim.sent.filter((m) => m.to.equals(claim.from!)).reduce((s, m) => s + m.value, 0n) - claim.received;
    return {
        view,
        // A claim the escrow refused bounces nothing to the executor: it is no payout.
        payouts: claims.filter((c) => c.sent.some((m) => m.to.equals(c.from!))).map(netOf),
        fee: sum((a) => a.equals(treasury)),
        refund: sum((a) => a.equals(requester)),
    };
}

export interface WorkerOutcome {
    worker: DemoWorker;
    device?: DeviceView;
    /** Σ escrow → worker less Σ worker → escrow (the claims' gas). */
    netFromEscrows: bigint;
    earned: bigint;
}

const ton = (n: bigint) => fromNano(n);

function table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
    return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function taskTable(tasks: TaskOutcome[]): string {
    return table(
        ['task', 'operation', 'status', 'reward/result', 'fee bps', 'payouts', 'net to executors (payout − claim gas)', 'platform fee', 'refund'],
        tasks.map((t) => [
            t.view.task_id,
            t.view.operation,
            t.view.status,
            ton(BigInt(t.view.reward_per_result)),
            String(t.view.fee_bps ?? '-'),
            String(t.payouts.length),
            t.payouts.map(ton).join(' + ') || '0',
            ton(t.fee),
            ton(t.refund),
        ]),
    );
}

export function workerTable(workers: WorkerOutcome[]): string {
    return table(
        ['worker', 'behaviour', 'submitted', 'paid', 'invalid', 'trust', 'net from escrows', 'earned (balance delta)'],
        workers.map(({ worker, device, netFromEscrows, earned }) => {
            const notPaid = worker.summary?.earnings.not_paid ?? [];
            return [
                worker.name,
                worker.behaviour,
                String(worker.summary?.counts.submitted ?? 0),
                String(worker.summary?.earnings.tasks_paid ?? 0),
                String(notPaid.filter((n) => n.reason === 'invalid_result').length),
                device ? device.trust.score.toFixed(4) : '-',
                ton(netFromEscrows),
                ton(earned),
            ];
        }),
    );
}

export function reconciliationTable(r: Reconciliation): string {
    const rows: [string, bigint][] = [
        ['left the requester (spent + refunds)', r.spent + r.refunds],
        ['  refunds back to the requester', r.refunds],
        ['spent by the requester (balance before − after)', r.spent],
        ['  = paid to workers (payouts − claim gas)', r.paidToWorkers],
        ['  + platform fees to the treasury', r.toTreasury],
        ['  + fees burned in requester/master/escrow txs', r.burnedFees],
        ['  + change in what master and escrows hold', r.held],
        ['  + sent to others − received from others', r.toOthers - r.fromOthers],
        ['  = accounted', r.accounted],
        ['difference (spent − accounted)', r.spent - r.accounted],
    ];
    const text = table(['reconciliation', 'nanotons'], rows.map(([label, value]) => [label, value.toString()]));
    const problems = r.unexplained.map((u) => `  ${u.name}: balance changed by ${u.change}, transactions explain ${u.explained}`);
    return problems.length ? `${text}\nunexplained balance changes:\n${problems.join('\n')}` : text;
}
