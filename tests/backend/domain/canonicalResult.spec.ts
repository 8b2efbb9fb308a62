import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, canonicalResultHash, MAX_RESULT_DEPTH } from '../../../backend/src/domain/canonicalResult';

/** The same JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).reverse().map(([key, field]) => [key, reverseKeys(field)]));
    }
    return value;
}

describe('canonicalResultHash', () => {
    it('worked example: keys sorted, 2.50 as 2.5, "e" + combining acute as "é"', () => {
        const output = { b: [1, 2.5, 'e\u0301'], a: true };
        expect(canonicalJson(output)).toBe('{"a":true,"b":[1,2.5,"\u00e9"]}');
        expect(canonicalResultHash(output)).toBe('8fa8f25a2e34b926bdbec412b6379b93cd0d44b19157215c7565d4c017657f3c');
        expect(canonicalResultHash(output)).toBe(
            createHash('sha256').update('{"a":true,"b":[1,2.5,"\u00e9"]}', 'utf8').digest('hex'),
        );
    });

    it('equal results from differently ordered, spelled and composed outputs hash the same', () => {
        const fromOneWorker = JSON.parse('{"b":[1.0,2.50,"e\\u0301"],"a":true}');
        const fromAnother = { a: true, b: [1, 2.5, '\u00e9'] };
        expect(canonicalResultHash(fromOneWorker)).toBe(canonicalResultHash(fromAnother));
    });

    it('different results hash differently', () => {
        expect(canonicalResultHash({ a: 1 })).not.toBe(canonicalResultHash({ a: 2 }));
        expect(canonicalResultHash([1, 2])).not.toBe(canonicalResultHash([2, 1]));
        expect(canonicalResultHash('1')).not.toBe(canonicalResultHash(1));
        expect(canonicalResultHash(null)).not.toBe(canonicalResultHash(false));
    });

    it('writes integers as plain digits, whether number or bigint, and -0 as 0', () => {
        expect(canonicalJson([1e21, 10n ** 21n, -0, 0, -5, 123456789012345678901234567890n])).toBe(
            '[1000000000000000000000,1000000000000000000000,0,0,-5,123456789012345678901234567890]',
        );
    });

    it('writes other numbers in shortest round-trip form', () => {
        expect(canonicalJson([0.1, 1.5e-7, -2.25, 1 / 3])).toBe('[0.1,1.5e-7,-2.25,0.3333333333333333]');
    });

    it('writes bytes as base64, so a Buffer equals its base64 text', () => {
        const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
        expect(canonicalJson({ data: bytes })).toBe('{"data":"AAEC/f7/"}');
        expect(canonicalJson(Buffer.from(bytes))).toBe('"AAEC/f7/"');
        expect(canonicalJson(new Uint8Array(bytes.buffer, 2, 2))).toBe('"Av0="');
        expect(canonicalResultHash({ data: Buffer.from(bytes) })).toBe(canonicalResultHash({ data: 'AAEC/f7/' }));
    });

    it('drops undefined fields and writes undefined array items as null, as JSON does', () => {
        expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
        expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
    });

    it('sorts keys by UTF-16 code units and normalises them to NFC', () => {
        expect(canonicalJson({ b: 1, B: 2, a: 3, '\u00e9': 4, 'e\u0301x': 5, '10': 6, '9': 7 })).toBe(
            '{"10":6,"9":7,"B":2,"a":3,"b":1,"\u00e9":4,"\u00e9x":5}',
        );
        expect(canonicalJson(Object.assign(Object.create(null), { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
    });

    it('escapes strings as JSON does, without whitespace anywhere', () => {
        expect(canonicalJson({ 'k "1"': ['line\nbreak', 'tab\t', '\u0000'] })).toBe(
            '{"k \\"1\\"":["line\\nbreak","tab\\t","\\u0000"]}',
        );
    });

    it('refuses NaN and infinities', () => {
        for (const bad of [NaN, Infinity, -Infinity]) {
            expect(() => canonicalResultHash({ value: [bad] })).toThrow(RangeError);
        }
    });

    it('refuses what is not plain data', () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        for (const bad of [undefined, () => 1, Symbol('s'), new Date(0), new Map(), new Set(), { nested: [cyclic] }]) {
            expect(() => canonicalResultHash(bad)).toThrow(TypeError);
        }
        expect(() => canonicalResultHash({ '\u00e9': 1, 'e\u0301': 2 })).toThrow(/NFC/);
    });

    it('accepts nesting up to MAX_RESULT_DEPTH levels and refuses one more, without running out of stack', () => {
        const nested = (depth: number): unknown => {
            let value: unknown = 1;
            for (let i = 0; i < depth; i++) value = [value];
            return value;
        };
        expect(canonicalJson(nested(MAX_RESULT_DEPTH))).toBe('['.repeat(MAX_RESULT_DEPTH) + '1' + ']'.repeat(MAX_RESULT_DEPTH));
        expect(() => canonicalJson(nested(MAX_RESULT_DEPTH + 1))).toThrow(`nested more than ${MAX_RESULT_DEPTH} levels`);
        expect(() => canonicalJson(nested(100_000))).toThrow(RangeError);
    });

    it('accepts the same object twice when it is not its own ancestor', () => {
        const shared = { x: 1 };
        expect(canonicalJson([shared, { again: shared }])).toBe('[{"x":1},{"again":{"x":1}}]');
    });

    it('property: the hash ignores key order and survives a JSON round trip', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                const hash = canonicalResultHash(value);
                expect(hash).toMatch(/^[0-9a-f]{64}$/);
                expect(canonicalResultHash(reverseKeys(value))).toBe(hash);
                expect(canonicalResultHash(JSON.parse(JSON.stringify(value)))).toBe(hash);
            }),
        );
    });

    it('property: canonical JSON is valid JSON and its own canonical form', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                const text = canonicalJson(value);
                expect(canonicalJson(JSON.parse(text))).toBe(text);
            }),
        );
    });
});
