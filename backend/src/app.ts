// Builds the service as a fastify app from its parts, without listening; tests use it with `inject`.
import fastify, { FastifyInstance, FastifyReply } from 'fastify';
import { DEFAULT_NONCE_TTL_SECONDS, HmacNonceIssuer, MAX_ISSUER_CLOCK_SKEW_SECONDS, NonceIssuer, nonceKeyFromSecret } from './auth';
import { SessionTokens } from './auth/sessions';
import { redisUsedNonceLedger } from './auth/usedNonceLedger';
import { ChainAdapter } from './chain/chain';
import { ServiceConfig } from './config';
import { errorBody, installErrorHandlers, sendError } from './http/errors';
import { apiDocs } from './http/openApi';
import { connectEdgeRedis } from './http/edgeRedis';
import { perClientIp, RateLimiter, registerRateLimits } from './http/rateLimit';
import { echoRequestIds, freshRequestId, REQUEST_ID_HEADER, requestIdOf } from './http/requestId';
import { LogDestination, loggerOptions, logUpgradesWhenClosed, logWhenAnswered, OneLinePerRequest } from './http/requestLog';
import { sessionGuard } from './http/requireSession';
import { authRoutes } from './routes/auth';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { metricsPlugin } from './metrics/metricsPlugin';
import { moduleRoutes } from './routes/modules';
import { paymentRoutes } from './routes/payments';
import { perWallet } from './routes/guards';
import { statsRoutes } from './routes/stats';
import { followChainWatch } from './stats/chainWatchClock';
import { taskRoutes } from './routes/tasks';
import { startBackground } from './service/background';
import { ServiceContext, ServiceEvents } from './service/context';
import { readinessProbes } from './service/readiness';
import { ServiceSecrets } from './secrets';
import { startCheckpointer } from './store/checkpointer';
import { Store } from './store/sql';
import { SqliteStore } from './store/sqliteStore';
import { chainWatchLeadership, storeFromConfig } from './store/storeFromConfig';
import { alwaysLeading } from './store/leadership';
import { taskQueueFor } from './queue/queueFromConfig';
import { OutboxRelay } from './queue/outboxRelay';
import { TaskQueue } from './queue/taskQueue';
import { offerDispatcher } from './realtime/dispatcher';
import { DeviceHub } from './realtime/hub';
import { realtimeRoutes } from './realtime/wsRoutes';
import { deliverServiceNotices, publishServiceNotices } from './realtime/serviceNotices';
import { Fanout, localFanout, redisFanout } from './realtime/fanout';
import { ClusterNotice, CLUSTER_NOTICE_CHANNEL, noticeCodec } from './realtime/noticeCodec';
import { loadSpotChecks } from './tasks/spotChecks';
import { webApp } from './web/webApp';

export interface AppDeps {
    config: ServiceConfig;
    secrets: ServiceSecrets;
    chain: ChainAdapter;
    /** The store; opened from the configuration when absent. Closed with the app either way. */
    store?: Store;
    /** Milliseconds since the epoch; injectable so tests control time. */
    nowMs?: () => number;
    nonces?: NonceIssuer;
    /** The task queue; built from the configuration (Redis Streams or in-process) when absent. */
    queue?: TaskQueue;
    /** Uniform draws in [0, 1) that decide spot checks; Math.random when absent. */
    random?: () => number;
    /** Serve the web app built in this directory (web/dist) at `/`; absent, the service is the API alone. */
    webDir?: string;
    /** Where log lines go instead of stdout (tests read them). */
    logDestination?: LogDestination;
}

export interface ServiceApp {
    app: FastifyInstance;
    ctx: ServiceContext;
    hub: DeviceHub;
    queue: TaskQueue;
}

export async function buildService(deps: AppDeps): Promise<ServiceApp> {
    const nowMs = deps.nowMs ?? Date.now;
    const now = () => Math.floor(nowMs() / 1000);
    const { config } = deps;
    const store = deps.store ?? (await storeFromConfig(config));
    const ctx: ServiceContext = {
        store,
        chain: deps.chain,
        signingKey: deps.secrets.signingKey,
        nowMs,
        events: new ServiceEvents(),
        sybil: config.sybil,
        random: deps.random ?? Math.random,
    };
    if (config.spotChecksFile) await loadSpotChecks(ctx, config.spotChecksFile);

    const app = fastify({
        logger: loggerOptions(config, deps.logDestination),
        logController: new OneLinePerRequest(),
        genReqId: requestIdOf,
        bodyLimit: 64 * 1024,
        // Reject unknown fields and wrong types instead of silently dropping or coercing them.
        ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
        // Errors fastify meets before routing (bad percent-encoding, an overlong parameter) get the service's shape.
        frameworkErrors: (err, request, reply) => {
            logWhenAnswered(request, reply as FastifyReply);
            void sendError(err, request, reply.header(REQUEST_ID_HEADER, request.id) as FastifyReply);
        },
        // Bytes that never became a request: answer in the same shape, then close.
        clientErrorHandler: (err, socket) => {
            if (!socket.writable) return;
            const body = JSON.stringify(errorBody('BAD_HTTP', 'the request could not be parsed as HTTP'));
            socket.end(
                `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n${REQUEST_ID_HEADER}: ${freshRequestId()}\r\n` +
                    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
            );
        },
    });
    installErrorHandlers(app);
    echoRequestIds(app);
    logUpgradesWhenClosed(app);
    // Bodies are JSON only: text is 415 like any other type, rather than a string for the schema to refuse.
    app.removeContentTypeParser('text/plain');

    const tokens = new SessionTokens(deps.secrets.sessionSecret, config.sessionTtlSeconds, now);
    // With Redis, rate limits and used login nonces are shared by every node; without it, each node keeps its own.
    const edgeRedis = config.redisUrl ? await connectEdgeRedis(config.redisUrl, app.log) : undefined;
    if (edgeRedis) app.addHook('onClose', async () => void (await edgeRedis.quit().catch(() => edgeRedis.disconnect())));
    await registerRateLimits(app, edgeRedis);
    // Before any route: the API description collects routes as they are registered.
    await apiDocs(app);
    const guards = {
        session: sessionGuard(tokens),
        // Twice the per-second figure per two-second window: that rate on average, with bursts of twice it.
        submissions: perWallet(config.resultRatePerSecond * 2, 2000),
    };
    const hub = new DeviceHub({ pingIntervalMs: config.wsPingIntervalMs, maxBufferedBytes: config.wsMaxBufferedBytes });
    const queue = deps.queue ?? taskQueueFor(config.redisUrl, { log: app.log });

    const lastChainRound = followChainWatch(ctx.events);
    await app.register(metricsPlugin, {
        ctx, hub, queue, lastChainRound, token: config.metricsToken, port: config.metricsPort, host: config.host,
    });
    await app.register(healthRoutes, { probes: readinessProbes({ store, queue, chain: deps.chain, nowMs }) });
    await app.register(authRoutes, {
        nonces: deps.nonces ?? new HmacNonceIssuer({ key: nonceKeyFromSecret(deps.secrets.sessionSecret), now }),
        usedNonces: edgeRedis && redisUsedNonceLedger(edgeRedis, DEFAULT_NONCE_TTL_SECONDS + MAX_ISSUER_CLOCK_SKEW_SECONDS),
        tokens,
        limit: perClientIp(config.authRatePerMinute, 60_000),
        allowedDomains: config.tonProofDomains,
        maxProofAgeSeconds: config.tonProofMaxAgeSeconds,
        now,
    });
    await app.register(deviceRoutes, { ctx, guards });
    await app.register(moduleRoutes, { ctx, guards });
    await app.register(taskRoutes, { ctx, guards });
    await app.register(paymentRoutes, { ctx, guards });
    await app.register(statsRoutes, { ctx, guards, hub, lastChainRound });
    // Result frames over WebSocket are not routes: they take tokens from a bucket per wallet, in this process.
    const frameSubmissions = new RateLimiter({ perSecond: config.resultRatePerSecond, burst: config.resultRatePerSecond * 2 }, nowMs);
    await app.register(realtimeRoutes, { ctx, hub, tokens, submissions: frameSubmissions, maxPayloadBytes: config.wsMaxPayloadBytes });
    if (deps.webDir) await app.register(webApp, { distDir: deps.webDir, publicUrl: config.publicUrl, network: String(deps.chain.globalId) });

    // A task is queued each time it opens (its escrow confirmed, or a slot free again), and only then: the
    // opening transaction writes an outbox row, and the relay publishes it once that transaction has committed.
    const outbox = new OutboxRelay(store, queue, (err) => app.log.error({ err }, 'publishing task openings failed; will retry'));
    ctx.events.on('task', (_taskId, status) => {
        // setImmediate: after the surrounding (possibly grouped) commit.
        if (status === 'open') setImmediate(() => void outbox.relay());
    });
    const relayTimer = setInterval(() => void outbox.relay(), Math.max(1000, config.sweepIntervalMs || 1000));
    relayTimer.unref();
    void outbox.relay();
    // With Redis, every node hears every node's notices and offers them to its own devices; without, only itself.
    const fanout: Fanout<ClusterNotice> = config.redisUrl
        ? await redisFanout(config.redisUrl, CLUSTER_NOTICE_CHANNEL, noticeCodec, app.log)
        : localFanout(app.log);
    publishServiceNotices(ctx, fanout);
    deliverServiceNotices(ctx, hub, fanout, app.log);
    queue.start(offerDispatcher(ctx, fanout));
    hub.startHeartbeat();

    const checkpointer = store instanceof SqliteStore ? startCheckpointer(store.db, (message) => app.log.error({ message }, 'WAL checkpoint failed')) : undefined;
    // Only a node that polls the chain competes for the chain watch.
    const leadership =
        config.chainPollIntervalMs > 0
            ? chainWatchLeadership(store, config.databaseUrl, (leading) =>
                  app.log.info({ leading }, leading ? 'this node now watches the chain' : 'this node no longer watches the chain'),
              )
            : alwaysLeading;
    const stopBackground = startBackground(ctx, app.log, {
        sweepIntervalMs: config.sweepIntervalMs,
        chainPollIntervalMs: config.chainPollIntervalMs,
        leadership,
    });
    app.addHook('preClose', async () => hub.close());
    app.addHook('onClose', async () => {
        clearInterval(relayTimer);
        // One last round, so openings committed just now reach the queue, then no more. A store that failed must
        // not keep the queue and the checkpointer from closing.
        await outbox.relay().catch((err: unknown) => app.log.error({ err }, 'the last outbox round failed'));
        await outbox.stop();
        await stopBackground();
        await leadership.stop();
        await queue.close();
        await fanout.close();
        await checkpointer?.stop();
        await store.close();
    });
    return { app, ctx, hub, queue };
}
