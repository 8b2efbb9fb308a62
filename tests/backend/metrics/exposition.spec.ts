// /metrics names every metric under one prefix, each with HELP and TYPE, and keeps the operation label bounded.
import { OPERATION_LABELS, OTHER_OPERATIONS } from '../../../backend/src/metrics/serviceMetrics';
import { serviceFixture, ServiceFixture, T0 } from '../service/serviceFixture';
import { scrape, valueOf } from './scrape';
import { sqliteOf } from '../../helpers/sqliteOf';

/** Every metric the service documents (docs/service.md, Metrics), with its type. */
const SERVICE_METRICS: Record<string, string> = {
    gstd_http_requests_total: 'counter',
    gstd_http_request_duration_seconds: 'histogram',
    gstd_tasks: 'gauge',
    gstd_results_received_total: 'counter',
    gstd_result_verdicts_total: 'counter',
    gstd_consensus_decisions_total: 'counter',
    gstd_consensus_collisions_total: 'counter',
    gstd_payout_intents_issued_total: 'counter',
    gstd_payout_intents_paid_total: 'counter',
    gstd_chain_claims_seen_total: 'counter',
    gstd_chain_watch_lag_seconds: 'gauge',
    gstd_queue_depth: 'gauge',
    gstd_queue_pending: 'gauge',
    gstd_queue_dead_letters: 'gauge',
    gstd_queue_outbox: 'gauge',
    gstd_websocket_connections: 'gauge',
    gstd_devices_by_trust_score: 'gauge',
    gstd_process_cpu_seconds_total: 'counter',
    gstd_nodejs_eventloop_lag_seconds: 'gauge',
};

describe('metrics exposition', () => {
    let f: ServiceFixture;
    afterEach(async () => f.close());

    it('every documented metric is there under the gstd_ prefix, with HELP and TYPE', async () => {
        f = await serviceFixture();
        await f.app.inject({ method: 'GET', url: '/health' });
        const m = await scrape(f);
        for (const [name, type] of Object.entries(SERVICE_METRICS)) {
            expect([name, m.types.get(name)]).toEqual([name, type]);
            expect(m.help.get(name)?.length).toBeGreaterThan(10);
        }
        const unprefixed = [...m.types.keys(), ...m.samples.map((s) => s.name)].filter((name) => !name.startsWith('gstd_'));
        expect(unprefixed).toEqual([]);
        // The HTTP metrics kept their labels under the new names.
        expect(valueOf(m, 'gstd_http_requests_total', { method: 'GET', route: '/health', status: '200' })).toBe(1);
    });

    it('an empty service reports zeros, and a sample for each status, verdict and trust bucket', async () => {
        f = await serviceFixture();
        const m = await scrape(f);
        for (const status of ['awaiting_escrow', 'open', 'validating', 'validated', 'failed', 'expired']) {
            expect(valueOf(m, 'gstd_tasks', { status })).toBe(0);
        }
        for (const verdict of ['valid', 'invalid', 'unjudged']) expect(valueOf(m, 'gstd_result_verdicts_total', { verdict })).toBe(0);
        const buckets = m.samples.filter((s) => s.name === 'gstd_devices_by_trust_score');
        expect(buckets.map((s) => [s.labels.from, s.labels.to, s.value])).toEqual(
            Array.from({ length: 10 }, (_, i) => [String(i / 10), String((i + 1) / 10), 0]),
        );
        for (const name of ['gstd_results_received_total', 'gstd_payout_intents_issued_total', 'gstd_payout_intents_paid_total', 'gstd_chain_claims_seen_total']) {
            expect([name, valueOf(m, name)]).toEqual([name, 0]);
        }
        expect(m.samples.filter((s) => s.name === 'gstd_consensus_decisions_total')).toEqual([]);
        expect([valueOf(m, 'gstd_queue_depth'), valueOf(m, 'gstd_queue_pending'), valueOf(m, 'gstd_queue_dead_letters')]).toEqual([0, 0, 0]);
        expect(valueOf(m, 'gstd_websocket_connections')).toBe(0);
    });

    it(`the first ${OPERATION_LABELS} operation types decided get a label each; later ones share "${OTHER_OPERATIONS}"`, async () => {
        f = await serviceFixture();
        // Decided tasks written directly: a full consensus round per operation would prove nothing more here.
        const insert = sqliteOf(f.ctx).prepare(
            `INSERT INTO tasks (id, requester, operation, input, budget, reward, redundancy, max_results, slots_open, min_trust_score,
                                deadline, slot_timeout_seconds, status, escrow, created_at, updated_at)
             VALUES (?, '0:00', ?, '{}', '1', '1', 2, 4, 2, 0, ?, 300, 'validated', 'EQ', ?, ?)`,
        );
        // Decided a millisecond apart, z-op-001 first.
        const decide = (i: number, operation: string) => insert.run(`9${i}`, operation, T0 + 86_400, T0, T0 * 1000 + i);
        for (let i = 1; i <= OPERATION_LABELS + 2; i++) decide(i, `z-op-${String(i).padStart(3, '0')}`);
        let m = await scrape(f);
        const labels = () => m.samples.filter((s) => s.name === 'gstd_consensus_decisions_total').map((s) => s.labels.operation);
        expect(labels()).toHaveLength(OPERATION_LABELS + 1);
        expect(labels()).toContain(`z-op-${String(OPERATION_LABELS).padStart(3, '0')}`);
        expect(valueOf(m, 'gstd_consensus_decisions_total', { operation: OTHER_OPERATIONS })).toBe(2);

        // A newcomer whose name sorts first takes no label from an operation decided before it.
        decide(100, 'a-newcomer');
        m = await scrape(f);
        expect(labels()).not.toContain('a-newcomer');
        expect(valueOf(m, 'gstd_consensus_decisions_total', { operation: OTHER_OPERATIONS })).toBe(3);
        expect(valueOf(m, 'gstd_consensus_decisions_total', { operation: 'z-op-001' })).toBe(1);
    });
});
