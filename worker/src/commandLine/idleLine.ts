// The line a worker with nothing to do prints now and then, so a quiet terminal reads as waiting, not as stuck.
import { WorkerStatus } from '../client/workerClient';

/** The line for `status`, or undefined while tasks run. */
export function idleLine(serviceUrl: string, status: WorkerStatus): string | undefined {
    if (status.running > 0) return undefined;
    const payouts = status.awaitingPayout > 0 ? `, ${status.awaitingPayout} payout${status.awaitingPayout === 1 ? '' : 's'} pending` : '';
    if (!status.connected) return `idle: not connected to ${serviceUrl}; reconnecting${payouts}`;
    return `idle: connected to ${serviceUrl}, waiting for offers, trust ${status.trust?.toFixed(4) ?? '-'}${payouts}`;
}
