// What the hub sends a device over GET /ws. Schemas are open (an unknown field is allowed) so a client keeps
// reading frames from a newer service; a frame of an unknown type is not a ServerFrame.
import { Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { TrustView } from './devices';
import { parseJsonFrame, ParsedFrame } from './jsonFrame';
import { TaskStatus, TaskView, Verdict } from './tasks';

const RequestId = Type.Optional(Type.String());

/** Sent first. `last_offer_seq` is the cursor to replay from after a reconnect. */
export const WelcomeFrame = Type.Object({
    type: Type.Literal('welcome'),
    device_id: Type.String(),
    trust: TrustView,
    last_offer_seq: Type.Integer(),
});
/** A task the device may take. `seq` orders offers and is the replay cursor. */
export const OfferFrame = Type.Object({ type: Type.Literal('offer'), seq: Type.Integer(), task: TaskView });
export const ClaimedFrame = Type.Object({
    type: Type.Literal('claimed'),
    task_id: Type.String(),
    slot_expires_at_ms: Type.Number(),
    request_id: RequestId,
});
/** The answer to a result frame; the same decision as the HTTP result receipt. */
export const ResultAcceptedFrame = Type.Object({
    type: Type.Literal('result_accepted'),
    task_id: Type.String(),
    result_hash: Type.String(),
    verdict: Verdict,
    task_status: TaskStatus,
    payout_ready: Type.Boolean(),
    request_id: RequestId,
});
/** A refused result, with the same codes as the HTTP route. */
export const ResultRejectedFrame = Type.Object({
    type: Type.Literal('result_rejected'),
    task_id: Type.String(),
    code: Type.String(),
    message: Type.String(),
    request_id: RequestId,
});
/** The device's trust changed. */
export const TrustFrame = Type.Object({ type: Type.Literal('trust'), trust: TrustView });
/** This wallet's result is in the majority: an intent for `amount` nanotons (the gross share) is ready to fetch. */
export const PayoutReadyFrame = Type.Object({
    type: Type.Literal('payout_ready'),
    task_id: Type.String(),
    device_id: Type.String(),
    amount: Type.String(),
});
/** The chain shows this wallet's claim on the task paid: `amount` nanotons reached it in transaction `tx_hash`. */
export const PayoutPaidFrame = Type.Object({
    type: Type.Literal('payout_paid'),
    task_id: Type.String(),
    amount: Type.String(),
    tx_hash: Type.String(),
});
export const HeartbeatFrame = Type.Object({ type: Type.Literal('heartbeat'), now_ms: Type.Number(), request_id: RequestId });
/** The end of one replay page. Page on with `since = last_seq` while `count` was a full page. */
export const ReplayedFrame = Type.Object({
    type: Type.Literal('replayed'),
    since: Type.Integer(),
    count: Type.Integer(),
    last_seq: Type.Integer(),
    request_id: RequestId,
});
/** A frame that was not acted on: BAD_FRAME, or the code of a refused claim. */
export const ErrorFrame = Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String(), request_id: RequestId });

export const ServerFrame = Type.Union([
    WelcomeFrame,
    OfferFrame,
    ClaimedFrame,
    ResultAcceptedFrame,
    ResultRejectedFrame,
    TrustFrame,
    PayoutReadyFrame,
    PayoutPaidFrame,
    HeartbeatFrame,
    ReplayedFrame,
    ErrorFrame,
]);
export type ServerFrame = Static<typeof ServerFrame>;

const checkServerFrame = TypeCompiler.Compile(ServerFrame);

/** The server frame a text message carries, or why it is not one. */
export function parseServerFrame(text: string): ParsedFrame<ServerFrame> {
    return parseJsonFrame(checkServerFrame, text);
}
