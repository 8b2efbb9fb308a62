// The frame parsers both ends use: a client frame must match exactly (an unknown field is refused); a server frame
// may carry fields a newer service added, but not a type or a field shape the protocol does not know.
import { parseClientFrame, parseServerFrame, TaskView } from '../../protocol';
import { expectConforms } from './conforms';

const TRUST = {
    accuracy_alpha: 1,
    accuracy_beta: 1,
    accuracy_lower_bound: 0.1,
    latency_ewma_ms: null,
    latency_score: 0.5,
    stability: 1,
    score: 0.3,
};

describe('client frames', () => {
    it('a claim with a request id is read', () => {
        expect(parseClientFrame('{"type":"claim","task_id":"7","request_id":"r1"}')).toEqual({
            ok: true,
            frame: { type: 'claim', task_id: '7', request_id: 'r1' },
        });
    });

    it('a claim with an unknown field, a task id with a leading zero, or text that is not JSON is refused', () => {
        expect(parseClientFrame('{"type":"claim","task_id":"7","extra":1}')).toMatchObject({ ok: false });
        expect(parseClientFrame('{"type":"claim","task_id":"07"}')).toMatchObject({ ok: false });
        expect(parseClientFrame('{"type":')).toEqual({ ok: false, message: 'a frame must be JSON' });
    });
});

describe('server frames', () => {
    it('a welcome is read, also with a field a newer service added', () => {
        const welcome = { type: 'welcome', device_id: 'd', trust: TRUST, last_offer_seq: 3 };
        expect(parseServerFrame(JSON.stringify(welcome))).toEqual({ ok: true, frame: welcome });
        expect(parseServerFrame(JSON.stringify({ ...welcome, motd: 'hi' }))).toMatchObject({ ok: true });
    });

    it('a frame of an unknown type, or a result receipt without payout_ready, is not a server frame', () => {
        expect(parseServerFrame('{"type":"gossip"}')).toMatchObject({ ok: false });
        const accepted = { type: 'result_accepted', task_id: '1', result_hash: 'h', verdict: null, task_status: 'open' };
        expect(parseServerFrame(JSON.stringify(accepted))).toMatchObject({ ok: false });
        expect(parseServerFrame(JSON.stringify({ ...accepted, payout_ready: false }))).toMatchObject({ ok: true });
    });

    it('a payout_ready and a payout_paid frame are read', () => {
        const ready = { type: 'payout_ready', task_id: '1', device_id: 'd', amount: '100' };
        const paid = { type: 'payout_paid', task_id: '1', amount: '100', tx_hash: 'ab'.repeat(32) };
        expect(parseServerFrame(JSON.stringify(ready))).toEqual({ ok: true, frame: ready });
        expect(parseServerFrame(JSON.stringify(paid))).toEqual({ ok: true, frame: paid });
    });
});

describe('conformance check of the tests', () => {
    const view: TaskView = {
        task_id: '1',
        status: 'open',
        requester: '0:' + '0'.repeat(64),
        operation: 'hash',
        input: { text: 'x' },
        module_sha256: null,
        budget: '5',
        reward_per_result: '1',
        redundancy: 3,
        max_results: 5,
        slots_open: 3,
        min_trust_score: 0,
        deadline: 1,
        slot_timeout_seconds: 300,
        escrow_address: 'EQ',
        escrow_problem: null,
        fee_bps: 500,
        funding_id: '9',
        canonical_result_hash: null,
    };

    it('a task view conforms', () => expectConforms(TaskView, view));

    it('a task view with a field the protocol does not declare, or without one it does, does not', () => {
        expect(() => expectConforms(TaskView, { ...view, secret: 1 })).toThrow();
        const { escrow_problem: _dropped, ...missing } = view;
        expect(() => expectConforms(TaskView, missing)).toThrow();
    });
});
