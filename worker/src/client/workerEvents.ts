// What a running worker reports, one event per step, so a CLI or a dashboard can follow it.
import { FailureReason } from '../execute';

export type WorkerEvent =
    | { type: 'logged_in'; address: string }
    | { type: 'device'; device_id: string; name: string; reused: boolean; capabilities: string[] }
    | { type: 'connected'; reconnect: boolean; trust_score: number }
    | { type: 'disconnected'; code: number; reason: string; retry_in_ms: number }
    | { type: 'offer'; task_id: string; operation: string; reward: string }
    | { type: 'claimed'; task_id: string }
    | { type: 'claim_refused'; task_id: string; code: string }
    | { type: 'executed'; task_id: string; ms: number }
    | { type: 'execution_failed'; task_id: string; reason: FailureReason | 'module_unavailable' | 'host_error'; message: string }
    | { type: 'abandoned'; task_id: string }
    | { type: 'submitted'; task_id: string; verdict: string | null; task_status: string; output_replaced: boolean }
    | { type: 'submit_refused'; task_id: string; code: string; message: string }
    | { type: 'claim_sent'; task_id: string; escrow: string; attached: string }
    | { type: 'paid'; task_id: string; executor_reward: string; credited: string | null }
    | { type: 'not_paid'; task_id: string; reason: NotPaidReason; detail: string }
    | { type: 'trust'; score: number }
    | { type: 'warning'; message: string };

export type NotPaidReason =
    | 'invalid_result'
    | 'task_failed'
    | 'task_expired'
    | 'past_deadline'
    | 'bad_intent'
    | 'send_failed'
    | 'claim_bounced'
    | 'unconfirmed'
    | 'refused';
