// Devices of the session's wallet: POST /api/v1/devices, GET /api/v1/devices, GET /api/v1/devices/:id.
import { Static, Type } from '@sinclair/typebox';
import { Capability, DeviceId } from './fields';

/** The trust a device acts with: its wallet's accuracy, its own latency and stability, and the score of the three. */
export const TrustView = Type.Object({
    accuracy_alpha: Type.Number(),
    accuracy_beta: Type.Number(),
    accuracy_lower_bound: Type.Number(),
    /** null until the device has delivered a result. */
    latency_ewma_ms: Type.Union([Type.Number(), Type.Null()]),
    latency_score: Type.Number(),
    stability: Type.Number(),
    score: Type.Number(),
});
export type TrustView = Static<typeof TrustView>;

export const DeviceView = Type.Object({
    id: Type.String(),
    /** Raw form. */
    wallet: Type.String(),
    name: Type.String(),
    capabilities: Type.Array(Type.String()),
    trust: TrustView,
    /** Milliseconds since the epoch. */
    created_at: Type.Number(),
});
export type DeviceView = Static<typeof DeviceView>;

export const DeviceList = Type.Object({ devices: Type.Array(DeviceView) });
export type DeviceList = Static<typeof DeviceList>;

export const RegisterDeviceRequest = Type.Object(
    {
        name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$' }),
        capabilities: Type.Array(Capability, { minItems: 1, maxItems: 32 }),
    },
    { additionalProperties: false },
);
export type RegisterDeviceRequest = Static<typeof RegisterDeviceRequest>;

export const DeviceParams = Type.Object({ id: DeviceId }, { additionalProperties: false });
export type DeviceParams = Static<typeof DeviceParams>;
