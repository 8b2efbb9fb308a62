// GET /api/v1/stats: the service's live numbers for the operator view, built by the service from its store and its
// WebSocket hub (the page computes nothing).
import { Static, Type } from '@sinclair/typebox';

const Count = Type.Integer({ minimum: 0 });

export const TasksByStatus = Type.Object({
    awaiting_escrow: Count,
    open: Count,
    validating: Count,
    validated: Count,
    failed: Count,
    expired: Count,
});
export type TasksByStatus = Static<typeof TasksByStatus>;

export const ResultsBucket = Type.Object({
    /** Start of the bucket, milliseconds since the epoch. */
    start_ms: Type.Integer(),
    results: Count,
});

export const TrustBucket = Type.Object({
    /** Scores in [from, to); the last bucket includes 1. */
    from: Type.Number(),
    to: Type.Number(),
    devices: Count,
});

export const ServiceStats = Type.Object({
    /** When these numbers were taken, milliseconds since the epoch. */
    at_ms: Type.Integer(),
    devices: Type.Object({
        /** Devices with a WebSocket open to this node's hub. */
        connected: Count,
        registered: Count,
    }),
    /** Tasks by status, spot checks excluded. */
    tasks: TasksByStatus,
    results: Type.Object({
        /** Results received over the last minute, per second. */
        per_second: Type.Number(),
        /** Results received per bucket over the last five minutes, oldest first. */
        timeline: Type.Array(ResultsBucket),
        bucket_ms: Type.Integer(),
    }),
    intents: Type.Object({
        /** Payout intents signed (one per task and executor; a renewed intent counts once). */
        issued: Count,
        /** Claims the chain shows paid, and their gross total in nanotons. */
        paid: Count,
        paid_amount: Type.String(),
    }),
    queue: Type.Object({
        /** Task openings written but not yet handed to the queue (the outbox). */
        outbox: Count,
        /** Result slots of open tasks that no device holds yet: the work waiting for workers. */
        free_slots: Count,
        /** Offer frames this node's hub has sent since it started. */
        offers_sent: Count,
    }),
    chain_watch: Type.Object({
        /** When the last chain-watch round finished, or null before the first (or with the watch off). */
        last_round_at_ms: Type.Union([Type.Integer(), Type.Null()]),
        /** How long ago that was, or null. */
        lag_ms: Type.Union([Type.Integer(), Type.Null()]),
        /** What it still has to look at: tasks awaiting their escrow, intents not yet seen paid. */
        awaiting_escrow: Count,
        unpaid_intents: Count,
    }),
    /** Registered devices by current trust score, ten buckets of 0.1. */
    trust: Type.Array(TrustBucket),
});
export type ServiceStats = Static<typeof ServiceStats>;
