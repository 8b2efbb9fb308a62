// WebAssembly modules: upload once (base64 in JSON), fetch by sha256. Workers verify the hash before running.
import { Type } from '@sinclair/typebox';
import { FastifyInstance } from 'fastify';
import { HttpError } from '../http/errors';
import { ServiceContext } from '../service/context';
import { getModule, MAX_MODULE_BYTES, putModule } from '../tasks/modules';
import { requireSessions, RouteGuards } from './guards';
import { Sha256Hex } from './schemas';

const MAX_BASE64_CHARS = Math.ceil(MAX_MODULE_BYTES / 3) * 4;
const UploadBody = Type.Object(
    { wasm_base64: Type.String({ minLength: 12, maxLength: MAX_BASE64_CHARS, pattern: '^[A-Za-z0-9+/]+={0,2}$' }) },
    { additionalProperties: false },
);

export async function moduleRoutes(app: FastifyInstance, opts: { ctx: ServiceContext; guards: RouteGuards }): Promise<void> {
    const { ctx, guards } = opts;
    requireSessions(app, guards);

    app.post(
        '/api/v1/modules',
        { bodyLimit: MAX_BASE64_CHARS + 1024, schema: { body: UploadBody } },
        async (request, reply) => {
            const bytes = Buffer.from((request.body as { wasm_base64: string }).wasm_base64, 'base64');
            const sha256 = putModule(ctx.db, bytes, ctx.nowMs());
            return reply.status(201).send({ sha256, size: bytes.length });
        },
    );

    app.get(
        '/api/v1/modules/:sha256',
        { schema: { params: Type.Object({ sha256: Sha256Hex }, { additionalProperties: false }) } },
        async (request, reply) => {
            const bytes = getModule(ctx.db, (request.params as { sha256: string }).sha256);
            if (!bytes) throw new HttpError(404, 'MODULE_NOT_FOUND', 'no module with this sha256');
            return reply.type('application/wasm').send(bytes);
        },
    );
}
