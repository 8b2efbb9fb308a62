// Liveness for load balancers and orchestrators; no session needed.
import { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
    app.get(
        '/health',
        { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } } } },
        async () => ({ status: 'ok' }),
    );
}
