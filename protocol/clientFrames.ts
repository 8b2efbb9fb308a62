// What a device sends over GET /ws: JSON text frames with a `type`, validated by schema (an unknown field is an
// error). Any of them may carry a `request_id`, which the answer echoes.
import { Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DeviceId, TaskId } from './fields';
import { parseJsonFrame, ParsedFrame } from './jsonFrame';

const RequestId = Type.Optional(Type.String({ maxLength: 64 }));

/** The query of the upgrade request: the device, and the session token for browsers, which cannot set headers. */
export const ConnectQuery = Type.Object(
    { device_id: DeviceId, token: Type.Optional(Type.String({ maxLength: 2048 })) },
    { additionalProperties: false },
);
export type ConnectQuery = Static<typeof ConnectQuery>;

export const ClientFrame = Type.Union([
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

/** The client frame a text message carries, or why it is not one. */
export function parseClientFrame(text: string): ParsedFrame<ClientFrame> {
    return parseJsonFrame(checkClientFrame, text);
}
