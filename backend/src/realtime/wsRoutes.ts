// GET /ws: a device's live connection. Authenticated at the upgrade (session token in the Authorization header,
// or `token` in the query for browsers, which cannot set headers), then typed JSON frames both ways.
import websocket from '@fastify/websocket';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { RawData, WebSocket } from 'ws';
import { Address } from '@ton/core';
import { ClientFrame, ConnectQuery, parseClientFrame } from '../../../protocol';
import { SessionTokens } from '../auth/sessions';
import { isEstablished, trustScore } from '../domain';
import { Device, deviceOfWallet, recordTrustEvent, trustView, walletAccuracy } from '../devices/devices';
import { HttpError } from '../http/errors';
import { RateLimiter } from '../http/rateLimit';
import { transact } from '../service/afterCommit';
import { ServiceContext } from '../service/context';
import { ServiceError } from '../service/serviceError';
import { claimSlot } from '../tasks/assignments';
import { findTask } from '../tasks/taskRecord';
import { taskView } from '../tasks/taskView';
import { submitResult } from '../tasks/submitResult';
import { audienceOf, isInAudience } from './audience';
import { DeviceConnection, DeviceHub } from './hub';
import { lastOfferSeq, offersSince } from './offerLog';
import { mixInSpotChecks } from './spotCheckOffers';

export interface RealtimeOptions {
    ctx: ServiceContext;
    hub: DeviceHub;
    tokens: SessionTokens;
    submissions: RateLimiter;
    maxPayloadBytes: number;
}

/** Most offers one replay request sends; a client pages with the cursor it gets back. */
export const REPLAY_PAGE = 500;

const upgrades = new WeakMap<FastifyRequest, { wallet: Address; device: Device; sessionExpiresAtMs: number }>();

export async function realtimeRoutes(app: FastifyInstance, opts: RealtimeOptions): Promise<void> {
    const { ctx, hub } = opts;
    await app.register(websocket, { options: { maxPayload: opts.maxPayloadBytes } });

    app.get(
        '/ws',
        {
            websocket: true,
            schema: { querystring: ConnectQuery },
            // Runs before the upgrade: a refused connection is a plain HTTP error, never an open socket.
            preValidation: async (request) => {
                const header = request.headers.authorization?.match(/^Bearer ([A-Za-z0-9_.-]+)$/)?.[1];
                const token = header ?? (request.query as { token?: string }).token;
                if (!token) throw new HttpError(401, 'UNAUTHENTICATED', 'a session token is required (Authorization header or ?token=)');
                const session = await opts.tokens.verify(token);
                if (!session) throw new HttpError(401, 'UNAUTHENTICATED', 'the session token is invalid or expired');
                const device = await deviceOfWallet(ctx.store, (request.query as { device_id: string }).device_id, session.wallet);
                upgrades.set(request, { wallet: session.wallet, device, sessionExpiresAtMs: session.expiresAt * 1000 });
            },
        },
        (socket, request) => {
            const { wallet, device, sessionExpiresAtMs } = upgrades.get(request)!;
            const connection: DeviceConnection = {
                deviceId: device.id,
                wallet: device.wallet,
                capabilities: new Set(device.capabilities),
                trustScore: trustScore(device.trust),
                established: false,
                socket,
                alive: true,
            };
            // Re-read (trust may have changed since the upgrade check), then attach and welcome. Frames that arrive
            // meanwhile wait on `ready`, in order, so the welcome is always the first frame either way.
            const ready = welcome(ctx, hub, connection, wallet).catch((err) => {
                request.log.error({ err }, 'websocket welcome failed');
                socket.close(1011, 'the service could not read this device');
            });
            // A socket lives no longer than its session token: it is closed when the token expires, and a frame
            // that arrives once the token has expired, or while the socket closes, is not acted on.
            const expiry = setTimeout(() => hub.sessionExpired(connection), Math.max(0, sessionExpiresAtMs - ctx.nowMs()));
            socket.on('message', (data, isBinary) => void ready.then(() => onMessage(data, isBinary)));
            const onMessage = (data: RawData, isBinary: boolean) => {
                if (socket.readyState !== WebSocket.OPEN) return;
                if (ctx.nowMs() >= sessionExpiresAtMs) {
                    hub.sessionExpired(connection);
                    return;
                }
                connection.alive = true;
                if (isBinary) {
                    hub.send(connection, { type: 'error', code: 'BAD_FRAME', message: 'frames are JSON text' });
                    return;
                }
                const parsed = parseClientFrame(data.toString());
                if (!parsed.ok) {
                    hub.send(connection, { type: 'error', code: 'BAD_FRAME', message: parsed.message });
                    return;
                }
                handleFrame(opts, connection, wallet, parsed.frame).catch((err) => {
                    request.log.error({ err }, 'websocket frame failed');
                    hub.send(connection, { type: 'error', code: 'INTERNAL', message: 'internal error', request_id: parsed.frame.request_id });
                });
            };
            socket.on('close', () => {
                clearTimeout(expiry);
                // After the welcome settles: a socket closed while it was read is detached once it was attached.
                void ready.then(() => {
                    if (!hub.detach(connection)) return;
                    recordDisconnect(ctx, connection.deviceId).catch((err) => request.log.warn({ err }, 'recording a disconnect failed'));
                });
            });
            socket.on('error', (err) => request.log.warn({ err }, 'websocket error'));
        },
    );
}

/** Reads the device's current trust, attaches the connection to the hub and sends the welcome frame. */
async function welcome(ctx: ServiceContext, hub: DeviceHub, connection: DeviceConnection, wallet: Address): Promise<void> {
    const device = await deviceOfWallet(ctx.store, connection.deviceId, wallet);
    connection.trustScore = trustScore(device.trust);
    connection.established = isEstablished(await walletAccuracy(ctx.store, device.wallet), ctx.sybil.establishedAccuracyBound);
    const lastSeq = await lastOfferSeq(ctx.store);
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    hub.attach(connection);
    hub.send(connection, { type: 'welcome', device_id: device.id, trust: trustView(device.trust), last_offer_seq: lastSeq });
}

async function handleFrame(opts: RealtimeOptions, c: DeviceConnection, wallet: Address, frame: ClientFrame): Promise<void> {
    const { ctx, hub } = opts;
    const request_id = frame.request_id;
    try {
        switch (frame.type) {
            case 'heartbeat':
                hub.send(c, { type: 'heartbeat', now_ms: ctx.nowMs(), request_id });
                return;
            case 'claim': {
                const { assignment } = await claimSlot(ctx, frame.task_id, c.deviceId, wallet);
                hub.send(c, { type: 'claimed', task_id: frame.task_id, slot_expires_at_ms: assignment.expiresAtMs, request_id });
                return;
            }
            case 'result': {
                try {
                    opts.submissions.take(c.wallet);
                    // The same group commit as over HTTP: the answer, and what the result causes, follow the COMMIT.
                    const receipt = await submitResult(ctx, frame.task_id, c.deviceId, wallet, frame.output);
                    hub.send(c, {
                        type: 'result_accepted',
                        task_id: receipt.taskId,
                        result_hash: receipt.resultHash,
                        verdict: receipt.verdict,
                        task_status: receipt.taskStatus,
                        payout_ready: receipt.payoutReady,
                        request_id,
                    });
                } catch (err) {
                    if (!isRefusal(err)) throw err;
                    hub.send(c, { type: 'result_rejected', task_id: frame.task_id, code: err.code, message: err.message, request_id });
                }
                return;
            }
            case 'replay':
                // A reconnecting device catches up through replay: spot checks come mixed in there too.
                if ((await replay(opts, c, frame.since, request_id)) > 0) await mixInSpotChecks(ctx, hub, [c]);
                return;
        }
    } catch (err) {
        if (!isRefusal(err)) throw err;
        hub.send(c, { type: 'error', code: err.code, message: err.message, request_id });
    }
}

/** A use case's refusal, or the edge's own (a rate limit): both reach the client as their code and message. */
function isRefusal(err: unknown): err is ServiceError | HttpError {
    return err instanceof ServiceError || err instanceof HttpError;
}

/**
 * Offers after `since` that the device would get live now: open tasks in its audience, by its current trust.
 * Returns how many were sent.
 */
async function replay(opts: RealtimeOptions, c: DeviceConnection, since: number, request_id?: string): Promise<number> {
    const { ctx, hub } = opts;
    const offers = await offersSince(ctx.store, since, REPLAY_PAGE);
    let count = 0;
    for (const offer of offers) {
        const task = await findTask(ctx.store, offer.taskId);
        if (!task || !isInAudience(c, await audienceOf(ctx.store, task))) continue;
        if (hub.send(c, { type: 'offer', seq: offer.seq, task: taskView(ctx, task) })) count++;
    }
    const last = offers.length > 0 ? offers[offers.length - 1].seq : since;
    hub.send(c, { type: 'replayed', since, count, last_seq: last, request_id });
    return count;
}

/** A device that drops while holding a slot loses stability, once per connection. */
async function recordDisconnect(ctx: ServiceContext, deviceId: string): Promise<void> {
    const holds = await ctx.store.one("SELECT 1 FROM assignments WHERE device_id = ? AND status = 'active' LIMIT 1", deviceId);
    if (!holds) return;
    await transact(ctx, async (tx, events) => events.add('trust', deviceId, await recordTrustEvent(tx, deviceId, { kind: 'disconnect' })));
}
