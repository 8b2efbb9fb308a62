// Liveness (GET /health: the process answers) and readiness (GET /ready: its store, queue and chain answer) for
// load balancers and orchestrators; no session needed.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { DependencyCheck, Health, NotReady, Ready } from '../../../protocol';
import { checkReadiness, Dependency, DependencyState } from '../service/readiness';

export interface HealthRouteOptions {
    probes: Record<Dependency, () => Promise<unknown>>;
}

export async function healthRoutes(plugin: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/health', { schema: { response: { 200: Health } } }, async () => ({ status: 'ok' as const }));

    app.get('/ready', { schema: { response: { 200: Ready, 503: NotReady } } }, async (request, reply) => {
        const readiness = await checkReadiness(opts.probes);
        const checks = {
            store: checkView(readiness.checks.store),
            queue: checkView(readiness.checks.queue),
            chain: checkView(readiness.checks.chain),
        };
        if (readiness.ready) return { status: 'ready' as const, checks };
        const down = (Object.keys(checks) as Dependency[]).filter((name) => !readiness.checks[name].up);
        for (const name of down) {
            const state = readiness.checks[name] as Extract<DependencyState, { up: false }>;
            request.log.warn({ check: name, reason: state.reason, err: state.cause }, 'not ready');
        }
        return reply.status(503).send({
            status: 'not_ready' as const,
            checks,
            error: { code: 'NOT_READY' as const, message: `not ready: ${down.map((name) => `${name} (${checks[name].reason})`).join(', ')}` },
        });
    });
}

function checkView(state: DependencyState): DependencyCheck {
    return state.up ? { status: 'up' } : { status: 'down', reason: state.reason };
}
