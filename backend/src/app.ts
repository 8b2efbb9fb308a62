// Builds the service as a fastify app from its parts, without listening; tests use it with `inject`.
import fastify, { FastifyInstance } from 'fastify';
import { InMemoryNonceIssuer, NonceIssuer } from './auth';
import { SessionTokens } from './auth/sessions';
import { ChainAdapter } from './chain/chain';
import { ServiceConfig } from './config';
import { installErrorHandlers } from './http/errors';
import { RateLimiter } from './http/rateLimit';
import { sessionGuard } from './http/requireSession';
import { authRoutes } from './routes/auth';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { moduleRoutes } from './routes/modules';
import { paymentRoutes } from './routes/payments';
import { taskRoutes } from './routes/tasks';
import { startBackground } from './service/background';
import { ServiceContext, ServiceEvents } from './service/context';
import { ServiceSecrets } from './secrets';
import { Db, openDatabase } from './store/database';

export interface AppDeps {
    config: ServiceConfig;
    secrets: ServiceSecrets;
    chain: ChainAdapter;
    /** The store; opened from the configured data directory when absent. Closed with the app either way. */
    db?: Db;
    /** Milliseconds since the epoch; injectable so tests control time. */
    nowMs?: () => number;
    nonces?: NonceIssuer;
}

export interface ServiceApp {
    app: FastifyInstance;
    ctx: ServiceContext;
}

export async function buildService(deps: AppDeps): Promise<ServiceApp> {
    const nowMs = deps.nowMs ?? Date.now;
    const now = () => Math.floor(nowMs() / 1000);
    const { config } = deps;
    const db = deps.db ?? openDatabase(config.databaseFile);
    const ctx: ServiceContext = { db, chain: deps.chain, signingKey: deps.secrets.signingKey, nowMs, events: new ServiceEvents() };

    const app = fastify({
        logger: {
            level: config.logLevel,
            // Secrets never reach the logs, even if a future log line includes headers.
            redact: ['req.headers.authorization'],
        },
        bodyLimit: 64 * 1024,
        // Reject unknown fields and wrong types instead of silently dropping or coercing them.
        ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    });
    installErrorHandlers(app);

    const tokens = new SessionTokens(deps.secrets.sessionSecret, config.sessionTtlSeconds, now);
    const authLimiter = new RateLimiter({ perSecond: config.authRatePerMinute / 60, burst: Math.max(1, Math.ceil(config.authRatePerMinute / 6)) }, nowMs);
    const guards = {
        session: sessionGuard(tokens),
        submissions: new RateLimiter({ perSecond: config.resultRatePerSecond, burst: config.resultRatePerSecond * 2 }, nowMs),
    };
    app.addHook('onRequest', async (request) => {
        if (request.url.startsWith('/api/v1/auth/')) authLimiter.take(request.ip);
    });

    await app.register(metricsRoutes);
    await app.register(healthRoutes);
    await app.register(authRoutes, {
        nonces: deps.nonces ?? new InMemoryNonceIssuer({ now }),
        tokens,
        allowedDomains: config.tonProofDomains,
        maxProofAgeSeconds: config.tonProofMaxAgeSeconds,
        now,
    });
    await app.register(deviceRoutes, { ctx, guards });
    await app.register(moduleRoutes, { ctx, guards });
    await app.register(taskRoutes, { ctx, guards });
    await app.register(paymentRoutes, { ctx, guards });

    const stopBackground = startBackground(ctx, app.log, {
        sweepIntervalMs: config.sweepIntervalMs,
        chainPollIntervalMs: config.chainPollIntervalMs,
    });
    app.addHook('onClose', async () => {
        await stopBackground();
        db.close();
    });
    return { app, ctx };
}
