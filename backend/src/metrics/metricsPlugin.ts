// Prometheus metrics at GET /metrics: process and Node.js defaults, HTTP requests, and the service's own
// (serviceMetrics.ts), every name under one prefix. Optionally behind a bearer token (METRICS_TOKEN), and
// optionally on a listener of its own (METRICS_PORT), closed with the app, instead of the main port.
import fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { installErrorHandlers } from '../http/errors';
import { recordHttpMetrics } from './httpMetrics';
import { requireMetricsToken } from './metricsToken';
import { registerServiceMetrics, ServiceMetricSources } from './serviceMetrics';

export const METRIC_PREFIX = 'gstd_';

export interface MetricsOptions extends Omit<ServiceMetricSources, 'log'> {
    /** Bearer token /metrics requires; open to anyone when absent. */
    token?: string;
    /** Serve /metrics on this port (and `host`) only, not on the app's own. */
    port?: number;
    host: string;
}

async function metrics(app: FastifyInstance, opts: MetricsOptions): Promise<void> {
    // One registry per app, so tests that build several apps do not share or double-register metrics.
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
    recordHttpMetrics(app, registry);
    registerServiceMetrics(registry, { ...opts, log: app.log });

    const serve = (server: FastifyInstance) =>
        server.get('/metrics', { onRequest: opts.token === undefined ? [] : [requireMetricsToken(opts.token)] }, scrape);
    async function scrape(_request: FastifyRequest, reply: FastifyReply) {
        reply.header('content-type', registry.contentType);
        return registry.metrics();
    }

    if (opts.port === undefined) {
        serve(app);
        return;
    }
    const listener = fastify({ loggerInstance: app.log.child({ listener: 'metrics' }) });
    installErrorHandlers(listener);
    serve(listener);
    // With the app: listening once it is ready (before its own port opens), closed when it closes.
    app.addHook('onReady', async () => void (await listener.listen({ host: opts.host, port: opts.port })));
    app.addHook('onClose', async () => listener.close());
}

// Not encapsulated: the response hook must see every route of the app, not only this plugin's.
export const metricsPlugin = fp(metrics, { name: 'metrics' });
