// Where the requester's money went, to the nanoton, from on-chain transactions alone.
//
// Parties: R the requester; S the escrow system (the master and every task's escrow); T the treasury;
// W the workers. For any account A over the demo's window (after its faucet credit or its last earlier
// transaction):
//
//     after(A) − before(A) = Σ received − Σ sent − Σ forward fees of what it sent − Σ totalFees       (1)
//
// Checked for every account: it shows no transaction is missing from the histories read.
//
// Summing (1) over R and S, the messages between them and inside S cancel, so:
//
//     spent(R) = before(R) − after(R)
//              = paidToWorkers + toTreasury + burned(R ∪ S) + held(S) + toOthers − fromOthers          (2)
//
//   paidToWorkers = Σ S→W − Σ W→S   (payouts received, less the gas the claims attached)
//   toTreasury    = Σ S→T           (platform fees)
//   burned(R ∪ S) = Σ totalFees + Σ forward fees of every transaction of R and S
//   held(S)       = what the master and the escrows hold now, less what they held before (0 once all closed)
//   toOthers, fromOthers = value between S and anyone else (0 in a clean run)
//
// Refunds (Σ S→R) appear on neither side of (2): they left R and came back. The money that *left* R is
// spent(R) + refunds. The left side comes from balances, the right side from transactions only.
import { Address } from '@ton/core';
import { burned, explainedChange, LedgerEntry } from './ledger';

export interface AccountWindow {
    name: string;
    address: Address;
    before: bigint;
    after: bigint;
    entries: LedgerEntry[];
}

export interface Reconciliation {
    spent: bigint;
    refunds: bigint;
    paidToWorkers: bigint;
    toTreasury: bigint;
    burnedFees: bigint;
    held: bigint;
    toOthers: bigint;
    fromOthers: bigint;
    accounted: bigint;
    /** Accounts whose balance change their transactions do not explain. */
    unexplained: { name: string; change: bigint; explained: bigint }[];
    reconciled: boolean;
}

const among = (address: Address | null, set: Address[]) => address !== null && set.some((a) => a.equals(address));

export function reconcile(requester: AccountWindow, system: AccountWindow[], treasury: AccountWindow, workers: AccountWindow[]): Reconciliation {
    const systemAddresses = system.map((a) => a.address);
    const workerAddresses = workers.map((a) => a.address);
    const entries = system.flatMap((a) => a.entries);

    let fromRequester = 0n;
    let fromWorkers = 0n;
    let fromOthers = 0n;
    for (const e of entries) {
        if (e.received === 0n || among(e.from, systemAddresses)) continue;
        if (e.from?.equals(requester.address)) fromRequester += e.received;
        else if (among(e.from, workerAddresses)) fromWorkers += e.received;
        else fromOthers += e.received;
    }
    let toWorkers = 0n;
    let toTreasury = 0n;
    let refunds = 0n;
    let toOthers = 0n;
    for (const m of entries.flatMap((e) => e.sent)) {
        if (among(m.to, systemAddresses)) continue;
        if (among(m.to, workerAddresses)) toWorkers += m.value;
        else if (m.to.equals(treasury.address)) toTreasury += m.value;
        else if (m.to.equals(requester.address)) refunds += m.value;
        else toOthers += m.value;
    }

    const spent = requester.before - requester.after;
    const paidToWorkers = toWorkers - fromWorkers;
    const burnedFees = burned(requester.entries) + burned(entries);
    const held = system.reduce((sum, a) => sum + a.after - a.before, 0n);
    const accounted = paidToWorkers + toTreasury + burnedFees + held + toOthers - fromOthers;

    const unexplained = [requester, ...system, treasury, ...workers]
        .map((a) => ({ name: a.name, change: a.after - a.before, explained: explainedChange(a.entries) }))
        .filter((a) => a.change !== a.explained);
    // The requester's own transactions must agree with what S says it received from it.
    const requesterSent = requester.entries.flatMap((e) => e.sent).reduce((s, m) => s + m.value, 0n);
    const requesterReceived = requester.entries.reduce((s, e) => s + e.received, 0n);
    const sidesAgree = requesterSent === fromRequester && requesterReceived === refunds;

    return {
        spent,
        refunds,
        paidToWorkers,
        toTreasury,
        burnedFees,
        held,
        toOthers,
        fromOthers,
        accounted,
        unexplained,
        reconciled: spent === accounted && unexplained.length === 0 && sidesAgree,
    };
}
