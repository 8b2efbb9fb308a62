// Devices of the session's wallet: register one, list them, read one with its trust vector.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { DeviceList, DeviceParams, DeviceView, RegisterDeviceRequest } from '../../../protocol';
import { Device, deviceOfWallet, devicesOf, registerDevice, trustView } from '../devices/devices';
import { ServiceContext } from '../service/context';
import { requireSessions, RouteGuards, sessionOf } from './guards';

function deviceView(device: Device): DeviceView {
    return {
        id: device.id,
        wallet: device.wallet,
        name: device.name,
        capabilities: device.capabilities,
        trust: trustView(device.trust),
        created_at: device.createdAt,
    };
}

export async function deviceRoutes(plugin: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(plugin, guards);
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/api/v1/devices', { schema: { body: RegisterDeviceRequest, response: { 201: DeviceView } } }, async (request, reply) => {
        const session = sessionOf(request);
        const device = await registerDevice(ctx.store, session.wallet, request.body.name, request.body.capabilities, ctx.nowMs());
        return reply.status(201).send(deviceView(device));
    });

    app.get('/api/v1/devices', { schema: { response: { 200: DeviceList } } }, async (request) => {
        const session = sessionOf(request);
        return { devices: (await devicesOf(ctx.store, session.wallet)).map(deviceView) };
    });

    app.get('/api/v1/devices/:id', { schema: { params: DeviceParams, response: { 200: DeviceView } } }, async (request) => {
        const session = sessionOf(request);
        return deviceView(await deviceOfWallet(ctx.store, request.params.id, session.wallet));
    });
}
