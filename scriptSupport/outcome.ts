// Reading whether a contract accepted a message, and naming its exit code the way errors.tact does.
import { Transaction } from '@ton/core';
import * as masterWrapper from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { EscrowMaster_errors } from '../build/EscrowMaster/EscrowMaster_EscrowMaster';
import { Arrival } from './arrival';

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
export class ActionRejected extends Error {
    constructor(
        readonly action: string,
        readonly contract: string,
        readonly reason: string,
    ) {
        super(`${action} was rejected by ${contract}: ${reason}`);
        this.name = 'ActionRejected';
    }
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

/** The ActionRejected to throw when `arrival` shows `contract` refused the message, or null when it accepted it. */
export function rejectionOf(arrival: Arrival, action: string, contract: string): ActionRejected | null {
    if (arrival.kind === 'gone') return null;
    const reason = rejectionReason(arrival.transaction);
    return reason === null ? null : new ActionRejected(action, contract, reason);
}

/** Throws ActionRejected unless `arrival` shows `contract` accepted the message. */
export function requireAccepted(arrival: Arrival, action: string, contract: string): void {
    const rejected = rejectionOf(arrival, action, contract);
    if (rejected) throw rejected;
}
