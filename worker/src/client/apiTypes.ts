// The service's answers as the worker reads them (docs/service.md, docs/realtime.md). Money stays a decimal
// nanoton string until it is used.

export interface TrustView {
    accuracy_alpha: number;
    accuracy_beta: number;
    accuracy_lower_bound: number;
    latency_ewma_ms: number;
    latency_score: number;
    stability: number;
    score: number;
}

export interface DeviceView {
    id: string;
    wallet: string;
    name: string;
    capabilities: string[];
    trust: TrustView;
    created_at: number;
}

export type TaskStatus = 'awaiting_escrow' | 'open' | 'validating' | 'validated' | 'failed' | 'expired';

export interface TaskView {
    task_id: string;
    status: TaskStatus;
    requester: string;
    operation: string;
    input: unknown;
    module_sha256: string | null;
    budget: string;
    reward_per_result: string;
    redundancy: number;
    max_results: number;
    slots_open: number;
    min_trust_score: number;
    deadline: number;
    slot_timeout_seconds: number;
    escrow_address: string;
    fee_bps: number | null;
    canonical_result_hash: string | null;
}

export interface ResultReceipt {
    task_id: string;
    device_id: string;
    result_hash: string;
    verdict: 'valid' | 'invalid' | null;
    late: boolean;
    task_status: TaskStatus;
}

export interface PayoutIntentView {
    task_id: string;
    /** The escrow, user-friendly. */
    to_address: string;
    /** Nanotons to attach for the escrow's gas. */
    amount: string;
    payload_comment: string;
    /** The comment's cell, base64 BOC: the body the wallet sends. */
    payload: string;
    gross_amount: string;
    executor_reward: string;
    platform_fee: string;
    valid_until: number;
}

export interface SessionGrant {
    token: string;
    expires_at: number;
    address: string;
}
