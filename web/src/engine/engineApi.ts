// What the Worker view needs from the browser worker engine: start it with a session, stop it, and watch its
// state. The view renders snapshots only; the engine (this folder) owns the hub connection and the Web Worker.
import type { Static } from '@sinclair/typebox';
import type { PayoutPaidFrame, TrustView } from '../../../protocol';

export type EngineState = 'stopped' | 'starting' | 'running' | 'reconnecting' | 'stopping' | 'failed';

export interface ActiveTask {
    task_id: string;
    operation: string;
    /** Where this slot is: claimed and waiting for its module, running in the Web Worker, or submitting. */
    phase: 'claimed' | 'running' | 'submitting';
    /** Gross nanotons a valid result is paid. */
    reward_per_result: bigint;
}

export interface EngineSnapshot {
    state: EngineState;
    /** Why the engine stopped or is reconnecting, in words for the user; absent when all is well. */
    problem?: string;
    /** The device this browser registered as, once it has. */
    deviceId?: string;
    activeTasks: ActiveTask[];
    /** Results submitted, and of those the verdicts so far. */
    done: number;
    valid: number;
    invalid: number;
    /** Tasks claimed whose module could not run (timeout, trap, memory limit, hash mismatch): nothing was submitted. */
    failed: number;
    /** The service refused the session (expired): log in again and call start() with the new token to carry on. */
    needsLogin?: true;
    /** The device's trust vector from the hub's last `trust` frame; absent until the first. */
    trust?: TrustView;
    /** Gross nanotons of the valid results this session (payout_ready amounts). */
    earnings: bigint;
}

export type EngineListener = (snapshot: EngineSnapshot) => void;

export interface WorkerEngine {
    /**
     * Registers this browser as a device (once per wallet), connects to /ws and starts claiming offers. Resolves once
     * connected or failed (then state 'failed' and `problem`); never rejects. While running, a call hands the engine
     * a fresh session token (after `needsLogin`) and it carries on with it.
     */
    start(sessionToken: string): Promise<void>;
    stop(): Promise<void>;
    /** Calls `listener` now with the current snapshot and after every change; returns the unsubscribe. */
    subscribe(listener: EngineListener): () => void;
    /** Calls `listener` with each `payout_paid` frame the hub sends while connected; returns the unsubscribe. */
    onPayoutPaid(listener: (paid: Static<typeof PayoutPaidFrame>) => void): () => void;
}

/** What web/src/engine/index.ts exports for the app: one engine per page, made when the app first needs it. */
export type CreateWorkerEngine = () => WorkerEngine;

export const STOPPED_SNAPSHOT: EngineSnapshot = { state: 'stopped', activeTasks: [], done: 0, valid: 0, invalid: 0, failed: 0, earnings: 0n };
