// Reading whether a contract accepted a message, and naming its exit code the way errors.tact does.
import { Address, fromNano, Transaction } from '@ton/core';
import * as masterWrapper from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { EscrowMaster_errors } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { Arrival } from './arrival';
import { ScriptError } from './scriptError';

/** ERR_* names by exit code, read from the generated wrapper (errors.tact is shared by both contracts). */
const ERROR_NAMES = new Map<number, string>(
    Object.entries(masterWrapper).flatMap(([name, value]) =>
        name.startsWith('ERR_') && typeof value === 'bigint' ? [[Number(value), name] as [number, string]] : [],
    ),
);
const TVM_ERRORS: Record<number, { message: string } | undefined> = EscrowMaster_errors;

/** "ERR_NOT_OWNER (310)", or the TVM's description of a standard exit code. */
function exitCodeName(code: number): string {
    const name = ERROR_NAMES.get(code) ?? TVM_ERRORS[code]?.message ?? 'unknown exit code';
    return `${name} (${code})`;
}

/** A contract refused the message: the transaction aborted, and the value bounced back minus fees. */
export class ActionRejected extends ScriptError {
    constructor(
        readonly action: string,
        readonly contract: string,
        readonly reason: string,
        returned?: string,
    ) {
        super(`${action} was rejected by ${contract}: ${reason}${returned ?? ''}`);
    }
}

/** Nanotons `tx` sent to `to`: a refusal's bounce, a payout, change. */
export function valueSentTo(tx: Transaction, to: Address): bigint {
    let total = 0n;
    for (const message of tx.outMessages.values()) {
        if (message.info.type === 'internal' && message.info.dest.equals(to)) total += message.info.value.coins;
    }
    return total;
}

/** Why `tx` aborted, or null when it did not. */
function rejectionReason(tx: Transaction): string | null {
    const d = tx.description;
    if (d.type !== 'generic') return `unexpected ${d.type} transaction`;
    if (!d.aborted) return null;
    if (d.computePhase.type === 'skipped') return `compute phase skipped (${d.computePhase.reason})`;
    if (!d.computePhase.success) return exitCodeName(d.computePhase.exitCode);
    return `action phase failed with result code ${d.actionPhase?.resultCode ?? 'unknown'}`;
}

/**
 * The ActionRejected to throw when `arrival` shows `contract` refused the message, or null when it accepted it.
 * Given the `sender`, it says how much of the value bounced back to it.
 */
export function rejectionOf(arrival: Arrival, action: string, contract: string, sender?: Address): ActionRejected | null {
    if (arrival.kind === 'gone') return null;
    const reason = rejectionReason(arrival.transaction);
    if (reason === null) return null;
    const bounced = sender ? valueSentTo(arrival.transaction, sender) : 0n;
    const returned = bounced > 0n ? `; ${fromNano(bounced)} TON (${bounced} nanotons) bounced back to your wallet` : undefined;
    return new ActionRejected(action, contract, reason, returned);
}

/** Throws ActionRejected unless `arrival` shows `contract` accepted the message. */
export function requireAccepted(arrival: Arrival, action: string, contract: string, sender?: Address): void {
    const rejected = rejectionOf(arrival, action, contract, sender);
    if (rejected) throw rejected;
}
