// Builds the service as a fastify app from its parts, without listening; tests use it with `inject`.
import fastify, { FastifyInstance } from 'fastify';
import { InMemoryNonceIssuer, NonceIssuer } from './auth';
import { SessionTokens } from './auth/sessions';
import { ServiceConfig } from './config';
import { installErrorHandlers } from './http/errors';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { ServiceSecrets } from './secrets';

export interface AppDeps {
    config: ServiceConfig;
    secrets: ServiceSecrets;
    /** Unix seconds; injectable so tests control time. */
    now?: () => number;
    nonces?: NonceIssuer;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
    const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
    const app = fastify({
        logger: {
            level: deps.config.logLevel,
            // Secrets never reach the logs, even if a future log line includes headers.
            redact: ['req.headers.authorization'],
        },
        bodyLimit: 64 * 1024,
        // Reject unknown fields and wrong types instead of silently dropping or coercing them.
        ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    });
    installErrorHandlers(app);

    await app.register(metricsRoutes);
    await app.register(healthRoutes);
    await app.register(authRoutes, {
        nonces: deps.nonces ?? new InMemoryNonceIssuer({ now }),
        tokens: new SessionTokens(deps.secrets.sessionSecret, deps.config.sessionTtlSeconds, now),
        allowedDomains: deps.config.tonProofDomains,
        maxProofAgeSeconds: deps.config.tonProofMaxAgeSeconds,
        now,
    });
    return app;
}
