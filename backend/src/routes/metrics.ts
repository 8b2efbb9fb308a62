// Prometheus metrics: process defaults plus request counts and latencies by route and status.
import { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

async function metrics(app: FastifyInstance): Promise<void> {
    // One registry per app, so tests that build several apps do not share or double-register metrics.
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = new Counter({
        name: 'http_requests_total',
        help: 'HTTP requests by route and status',
        labelNames: ['method', 'route', 'status'] as const,
        registers: [registry],
    });
    const latency = new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration by route',
        labelNames: ['method', 'route'] as const,
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
        registers: [registry],
    });

    app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? 'unmatched';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    app.get('/metrics', async (_request, reply) => {
        reply.header('content-type', registry.contentType);
        return registry.metrics();
    });
}

// Not encapsulated: the response hook must see every route of the app, not only this plugin's.
export const metricsRoutes = fp(metrics, { name: 'metrics' });
