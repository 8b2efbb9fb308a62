// Request counts and latencies by route and status, for every route of the app.
import { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';

export function recordHttpMetrics(app: FastifyInstance, registry: Registry): void {
    const requests = new Counter({
        name: 'gstd_http_requests_total',
        help: 'HTTP requests answered, by method, route pattern and status',
        labelNames: ['method', 'route', 'status'] as const,
        registers: [registry],
    });
    const latency = new Histogram({
        name: 'gstd_http_request_duration_seconds',
        help: 'Time from receiving an HTTP request to answering it, by method and route pattern',
        labelNames: ['method', 'route'] as const,
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
        registers: [registry],
    });

    app.addHook('onResponse', async (request, reply) => {
        // The route's pattern, never the raw URL: one series per route, whatever ids or junk the paths carry.
        const route = request.routeOptions.url ?? 'unmatched';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });
}
