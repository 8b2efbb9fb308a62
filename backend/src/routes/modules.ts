// WebAssembly modules: upload once (base64 in JSON), fetch by sha256. Workers verify the hash before running.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { MAX_MODULE_BASE64_CHARS, ModuleParams, ModuleUpload, StoredModule } from '../../../protocol';
import { ServiceContext } from '../service/context';
import { putModule, requireModule } from '../tasks/modules';
import { requireSessions, RouteGuards } from './guards';

export async function moduleRoutes(plugin: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(plugin, guards);
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
        '/api/v1/modules',
        { bodyLimit: MAX_MODULE_BASE64_CHARS + 1024, schema: { body: ModuleUpload, response: { 201: StoredModule } } },
        async (request, reply) => {
            const bytes = Buffer.from(request.body.wasm_base64, 'base64');
            const sha256 = await putModule(ctx.store, bytes, ctx.nowMs());
            return reply.status(201).send({ sha256, size: bytes.length });
        },
    );

    // The answer is the module's bytes (application/wasm), so it has no JSON schema.
    app.get('/api/v1/modules/:sha256', { schema: { params: ModuleParams } }, async (request, reply) => {
        const bytes = await requireModule(ctx.store, request.params.sha256);
        return reply.type('application/wasm').send(bytes);
    });
}
