// The WebSocket protocol: JSON text frames with a `type`. What clients send is validated by schema; what the
// server sends is typed here. docs/realtime.md describes both.
import { Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DeviceId } from '../routes/schemas';

const RequestId = Type.Optional(Type.String({ maxLength: 64 }));
const TaskId = Type.String({ pattern: '^(0|[1-9][0-9]{0,18})$' });

const ClientFrame = Type.Union([
    Type.Object({ type: Type.Literal('heartbeat'), request_id: RequestId }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('claim'), task_id: TaskId, request_id: RequestId }, { additionalProperties: false }),
    Type.Object(
        { type: Type.Literal('result'), task_id: TaskId, output: Type.Unknown(), request_id: RequestId },
        { additionalProperties: false, required: ['type', 'task_id', 'output'] },
    ),
    Type.Object(
        { type: Type.Literal('replay'), since: Type.Integer({ minimum: 0 }), request_id: RequestId },
        { additionalProperties: false },
    ),
]);
export type ClientFrame = Static<typeof ClientFrame>;

const checkClientFrame = TypeCompiler.Compile(ClientFrame);

/** The frame a text message carries, or why it is not one. */
export function parseClientFrame(text: string): { ok: true; frame: ClientFrame } | { ok: false; message: string } {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return { ok: false, message: 'a frame must be JSON' };
    }
    if (checkClientFrame.Check(value)) return { ok: true, frame: value };
    const first = checkClientFrame.Errors(value).First();
    return { ok: false, message: first ? `${first.path || 'frame'}: ${first.message}` : 'not a known frame' };
}

/** Frames the server sends. Tasks appear in the same view as GET /api/v1/tasks/:id. */
export type ServerFrame =
    | { type: 'welcome'; device_id: string; trust: unknown; last_offer_seq: number }
    | { type: 'offer'; seq: number; task: unknown }
    | { type: 'claimed'; task_id: string; slot_expires_at_ms: number; request_id?: string }
    | { type: 'result_accepted'; task_id: string; result_hash: string; verdict: string | null; task_status: string; payout_ready: boolean; request_id?: string }
    | { type: 'result_rejected'; task_id: string; code: string; message: string; request_id?: string }
    | { type: 'trust'; trust: unknown }
    /** This wallet's result is in the majority: an intent for `amount` nanotons (the gross share) is ready to fetch. */
    | { type: 'payout_ready'; task_id: string; device_id: string; amount: string }
    /** The chain shows this wallet's claim on the task paid: `amount` nanotons reached it in transaction `tx_hash`. */
    | { type: 'payout_paid'; task_id: string; amount: string; tx_hash: string }
    | { type: 'heartbeat'; now_ms: number; request_id?: string }
    | { type: 'replayed'; since: number; count: number; last_seq: number; request_id?: string }
    | { type: 'error'; code: string; message: string; request_id?: string };

export const ConnectQuery = Type.Object(
    { device_id: DeviceId, token: Type.Optional(Type.String({ maxLength: 2048 })) },
    { additionalProperties: false },
);
