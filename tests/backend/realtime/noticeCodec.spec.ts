import { initialTrust } from '../../../backend/src/domain';
import { ClusterNotice, decodeNotice, encodeNotice } from '../../../backend/src/realtime/noticeCodec';

const DEVICE = '0f8fad5b-d9cb-469f-a165-70867728950e';
const WALLET = `0:${'ab'.repeat(32)}`;
const TX_HASH = 'cd'.repeat(32);
const ABOVE_2_64 = 2n ** 64n + 12_345n;

const examples: ClusterNotice[] = [
    { kind: 'offer', taskId: '1234567890123', seq: 42 },
    { kind: 'trust', deviceId: DEVICE, trust: initialTrust() },
    { kind: 'trust', deviceId: DEVICE, trust: { accuracyAlpha: 3.25, accuracyBeta: 1.5, latencyEwmaMs: 812.5, stability: 0.61 } },
    { kind: 'payoutReady', taskId: '7', deviceId: DEVICE, amount: 1_010_000_000n },
    { kind: 'paid', taskId: '7', wallet: `-1:${'0f'.repeat(32)}`, amount: ABOVE_2_64, txHash: TX_HASH },
];

describe('cluster notice codec', () => {
    it.each(examples.map((notice) => [notice.kind, notice] as const))('a %s notice round-trips unchanged', (_kind, notice) => {
        expect(decodeNotice(encodeNotice(notice))).toEqual(notice);
    });

    it('carries amounts as decimal text, exactly, above 2^64', () => {
        const text = encodeNotice({ kind: 'payoutReady', taskId: '7', deviceId: DEVICE, amount: ABOVE_2_64 });
        expect(JSON.parse(text).amount).toBe('18446744073709563961');
        const decoded = decodeNotice(text);
        expect(decoded.kind === 'payoutReady' && decoded.amount).toBe(ABOVE_2_64);
    });

    it('encodes only the fields of the notice, so a caller object with more still goes through', () => {
        const trust = { ...initialTrust(), updatedAtMs: 5 };
        const text = encodeNotice({ kind: 'trust', deviceId: DEVICE, trust });
        expect(decodeNotice(text)).toEqual({ kind: 'trust', deviceId: DEVICE, trust: initialTrust() });
    });

    it('refuses to encode a notice no node would accept', () => {
        expect(() => encodeNotice({ kind: 'paid', taskId: '7', wallet: WALLET, amount: -1n, txHash: TX_HASH })).toThrow(/amount/);
        expect(() => encodeNotice({ kind: 'trust', deviceId: DEVICE, trust: { ...initialTrust(), stability: NaN } })).toThrow(/stability/);
    });

    const good = { kind: 'paid', taskId: '7', wallet: WALLET, amount: '5', txHash: TX_HASH };
    const malformed: Array<[string, string, RegExp]> = [
        ['text that is not JSON', 'offer 7', /must be JSON/],
        ['a JSON value that is not an object', '"offer"', /a JSON object with a kind/],
        ['null', 'null', /a JSON object with a kind/],
        ['no kind', JSON.stringify({ taskId: '7', seq: 1 }), /a JSON object with a kind/],
        ['a kind that is not a string', JSON.stringify({ kind: 7 }), /not a cluster notice kind: 7/],
        ['an unknown kind', JSON.stringify({ kind: 'shutdown' }), /not a cluster notice kind: "shutdown"/],
        ['a kind inherited from Object', JSON.stringify({ kind: 'toString' }), /not a cluster notice kind/],
        ['a missing field', JSON.stringify({ ...good, txHash: undefined }), /txHash/],
        ['an extra field', JSON.stringify({ ...good, note: 'x' }), /note/],
        ['a negative amount', JSON.stringify({ ...good, amount: '-5' }), /amount/],
        ['an amount in hex', JSON.stringify({ ...good, amount: '0x10' }), /amount/],
        ['an amount with a leading zero', JSON.stringify({ ...good, amount: '05' }), /amount/],
        ['an amount as a JSON number', JSON.stringify({ ...good, amount: 5 }), /amount/],
        ['an amount with a fraction', JSON.stringify({ ...good, amount: '5.5' }), /amount/],
        ['a wallet in user-friendly form', JSON.stringify({ ...good, wallet: 'EQAbcd' }), /wallet/],
        ['a transaction hash in base64', JSON.stringify({ ...good, txHash: 'q'.repeat(44) }), /txHash/],
        ['a task id that is not decimal', JSON.stringify({ kind: 'offer', taskId: 'abc', seq: 1 }), /taskId/],
        ['a fractional seq', JSON.stringify({ kind: 'offer', taskId: '7', seq: 1.5 }), /seq/],
        ['a seq of zero', JSON.stringify({ kind: 'offer', taskId: '7', seq: 0 }), /seq/],
        ['a device id that is not a uuid', JSON.stringify({ kind: 'payoutReady', taskId: '7', deviceId: 'dev', amount: '1' }), /deviceId/],
        ['a trust vector with a field missing', JSON.stringify({ kind: 'trust', deviceId: DEVICE, trust: { accuracyAlpha: 1 } }), /trust/],
        [
            'a stability above 1',
            JSON.stringify({ kind: 'trust', deviceId: DEVICE, trust: { ...initialTrust(), stability: 1.5 } }),
            /stability/,
        ],
        [
            'a negative latency',
            JSON.stringify({ kind: 'trust', deviceId: DEVICE, trust: { ...initialTrust(), latencyEwmaMs: -1 } }),
            /latencyEwmaMs/,
        ],
    ];

    it.each(malformed)('refuses %s with an error saying what is wrong', (_what, text, reason) => {
        expect(() => decodeNotice(text)).toThrow(reason);
    });

    it('quotes at most a short piece of an unknown kind', () => {
        const long = 'k'.repeat(10_000);
        expect(() => decodeNotice(JSON.stringify({ kind: long }))).toThrow(/^not a cluster notice kind: "k{39}…$/);
    });
});
