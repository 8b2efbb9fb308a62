// The operator's live numbers (GET /api/v1/stats), for any logged-in wallet.
import { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FastifyInstance } from 'fastify';
import { ServiceStats } from '../../../protocol';
import { DeviceHub } from '../realtime/hub';
import { ServiceContext } from '../service/context';
import { RESULTS_BUCKET_MS, serviceStats } from '../stats/serviceStats';
import { requireSessions, RouteGuards } from './guards';

export interface StatsRouteOptions {
    ctx: ServiceContext;
    guards: RouteGuards;
    hub: DeviceHub;
    /** When this node's chain watch last finished a round (stats/chainWatchClock.ts). */
    lastChainRound: () => number | null;
}

export async function statsRoutes(plugin: FastifyInstance, opts: StatsRouteOptions): Promise<void> {
    const { ctx, guards, hub, lastChainRound } = opts;
    requireSessions(plugin, guards);
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/api/v1/stats', { schema: { response: { 200: ServiceStats } } }, async () => {
        const s = await serviceStats(ctx, { connectedDevices: hub.size, offersSent: hub.stats.offersSent, lastChainRoundAtMs: lastChainRound() });
        return {
            at_ms: s.atMs,
            devices: s.devices,
            tasks: s.tasks,
            results: {
                per_second: s.results.perSecond,
                timeline: s.results.timeline.map((b) => ({ start_ms: b.startMs, results: b.results })),
                bucket_ms: RESULTS_BUCKET_MS,
            },
            intents: { issued: s.intents.issued, paid: s.intents.paid, paid_amount: s.intents.paidAmount.toString() },
            queue: { outbox: s.queue.outbox, free_slots: s.queue.freeSlots, offers_sent: s.queue.offersSent },
            chain_watch: {
                last_round_at_ms: s.chainWatch.lastRoundAtMs,
                lag_ms: s.chainWatch.lagMs,
                awaiting_escrow: s.chainWatch.awaitingEscrow,
                unpaid_intents: s.chainWatch.unpaidIntents,
            },
            trust: s.trust.map((devices, i) => ({ from: i / s.trust.length, to: (i + 1) / s.trust.length, devices })),
        };
    });
}
