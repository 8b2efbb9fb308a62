// Devices of the session's wallet: register one, list them, read one with its trust vector.
import { Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { Device, deviceOfWallet, devicesOf, registerDevice, trustView } from '../devices/devices';
import { ServiceContext } from '../service/context';
import { Capability, DeviceId } from './schemas';
import { requireSessions, RouteGuards, sessionOf } from './guards';

const RegisterBody = Type.Object(
    {
        name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$' }),
        capabilities: Type.Array(Capability, { minItems: 1, maxItems: 32 }),
    },
    { additionalProperties: false },
);

function deviceView(device: Device) {
    return {
        id: device.id,
        wallet: device.wallet,
        name: device.name,
        capabilities: device.capabilities,
        trust: trustView(device.trust),
        created_at: device.createdAt,
    };
}

export async function deviceRoutes(app: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(app, guards);

    app.post('/api/v1/devices', { schema: { body: RegisterBody } }, async (request, reply) => {
        const session = sessionOf(request);
        const body = request.body as { name: string; capabilities: string[] };
        const device = registerDevice(ctx.db, session.wallet, body.name, body.capabilities, ctx.nowMs());
        return reply.status(201).send(deviceView(device));
    });

    app.get('/api/v1/devices', async (request) => {
        const session = sessionOf(request);
        return { devices: devicesOf(ctx.db, session.wallet).map(deviceView) };
    });

    app.get(
        '/api/v1/devices/:id',
        { schema: { params: Type.Object({ id: DeviceId }, { additionalProperties: false }) } },
        async (request) => {
            const session = sessionOf(request);
            return deviceView(deviceOfWallet(ctx.db, (request.params as { id: string }).id, session.wallet));
        },
    );
}
