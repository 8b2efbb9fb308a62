// Ways to break a well-formed JSON body, as fast-check arbitraries: a field of the wrong type, a field too many or
// too few, a huge string, deep nesting, bytes that are not UTF-8. Each yields the body as the bytes to send.
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = Array<string | number>;

/** Every node of `value` below the root, parents before children. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
    if (value === null || typeof value !== 'object') return [];
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return keys.flatMap((key) => {
        const path = [...prefix, key];
        return [path, ...pathsOf(childOf(value, key), path)];
    });
}

export function valueAt(value: Json, path: Path): Json {
    return path.reduce<Json>((node, key) => childOf(node, key), value);
}

/** A copy of `value` with the node at `path` replaced, or removed when `replacement` is undefined. */
export function withValueAt(value: Json, path: Path, replacement: Json | undefined): Json {
    if (path.length === 0) return replacement ?? null;
    const copy = structuredClone(value) as Record<string | number, Json>;
    const parent = path.slice(0, -1).reduce<Json>((node, key) => childOf(node, key), copy) as Record<string | number, Json>;
    const key = path[path.length - 1];
    if (replacement === undefined) {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
    } else {
        // defineProperty, not assignment: a key such as "__proto__" must become a real field of the JSON.
        Object.defineProperty(parent, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    }
    return copy;
}

function childOf(node: Json, key: string | number): Json {
    return (node as Record<string | number, Json>)[key];
}

function jsonKind(value: Json): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    return typeof value;
}

const VALUES_BY_KIND: Record<string, fc.Arbitrary<Json>> = {
    null: fc.constant(null),
    boolean: fc.boolean(),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e308, -0, 2 ** 53 + 1)),
    string: fc.oneof(fc.string(), fc.constantFrom('', '0', 'true', 'null', '[]', '{}')),
    array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) as fc.Arbitrary<Json>,
    object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) as fc.Arbitrary<Json>,
};

/** Any JSON value whose type differs from `original`'s. */
export function wrongTypeFor(original: Json): fc.Arbitrary<Json> {
    const kind = jsonKind(original);
    return fc.oneof(...Object.entries(VALUES_BY_KIND).filter(([k]) => k !== kind).map(([, arbitrary]) => arbitrary));
}

function nodeOf(template: Json): fc.Arbitrary<Path> {
    return fc.constantFrom(...pathsOf(template));
}

/** One field (or the whole body) replaced by a value of another JSON type. */
export function withWrongType(template: Json): fc.Arbitrary<Json> {
    const whole = wrongTypeFor(template);
    if (pathsOf(template).length === 0) return whole;
    const oneField = nodeOf(template).chain((path) => wrongTypeFor(valueAt(template, path)).map((v) => withValueAt(template, path, v)));
    return fc.oneof(whole, oneField);
}

/** An extra field, at the top or inside any nested object. */
export function withUnknownField(template: Json): fc.Arbitrary<Json> {
    const objects: Path[] = [[], ...pathsOf(template)].filter((p) => jsonKind(valueAt(template, p)) === 'object');
    const key = fc.oneof(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'role', 'admin', 'id'),
    );
    return fc
        .record({ at: fc.constantFrom(...objects), key, value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> })
        .filter(({ at, key }) => !(key in (valueAt(template, at) as object)))
        .map(({ at, key, value }) => withValueAt(template, [...at, key], value));
}

/** One field left out; an empty template is left out altogether. */
export function withMissingField(template: Json): fc.Arbitrary<Json | undefined> {
    if (pathsOf(template).length === 0) return fc.constant(undefined);
    return nodeOf(template).map((path) => withValueAt(template, path, undefined));
}

/** A long repetition of a short (possibly astral or combining) string: cheap to generate at any length. */
export const hugeString: fc.Arbitrary<string> = fc
    .record({ unit: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), times: fc.integer({ min: 1_000, max: 120_000 }) })
    .map(({ unit, times }) => unit.repeat(Math.ceil(times / unit.length)));

export function withHugeString(template: Json): fc.Arbitrary<Json> {
    if (pathsOf(template).length === 0) return hugeString;
    return fc.oneof(hugeString, fc.tuple(nodeOf(template), hugeString).map(([path, text]) => withValueAt(template, path, text)));
}

/** A placeholder that JSON.stringify leaves intact, for splicing raw text into a serialised body. */
const SPLICE_MARK = 'SPLICE-c1d6f0e2';

function spliced(template: Json, path: Path, raw: Buffer): Buffer {
    const [before, after] = JSON.stringify(withValueAt(template, path, SPLICE_MARK)).split(`"${SPLICE_MARK}"`);
    return Buffer.concat([Buffer.from(before), raw, Buffer.from(after)]);
}

/** Nesting `depth` levels deep, as raw JSON text: arrays, objects, or both alternating. */
const deepJson: fc.Arbitrary<Buffer> = fc
    .record({ depth: fc.integer({ min: 50, max: 30_000 }), shape: fc.constantFrom('array', 'object', 'mixed') })
    .map(({ depth, shape }) => {
        const open = shape === 'array' ? '[' : shape === 'object' ? '{"a":' : '[{"a":';
        const close = shape === 'array' ? ']' : shape === 'object' ? '}' : '}]';
        const levels = shape === 'mixed' ? Math.ceil(depth / 2) : depth;
        return Buffer.from(open.repeat(levels) + '0' + close.repeat(levels));
    });

/** Deep nesting as the whole body or in place of one field. */
export function withDeepNesting(template: Json): fc.Arbitrary<Buffer> {
    const places: Path[] = [[], ...pathsOf(template)];
    return fc.tuple(fc.constantFrom(...places), deepJson).map(([path, deep]) => (path.length === 0 ? deep : spliced(template, path, deep)));
}

/** Strings a parser may trip on: unicode, numbers, base64, raw addresses, blanks, byte-order marks. */
const oddString: fc.Arbitrary<string> = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.base64String({ maxLength: 120 }),
    fc.stringMatching(/^-?[0-9]{1,25}$/),
    fc.stringMatching(/^-?[0-9]{1,12}:[0-9a-fA-F]{0,70}$/),
    fc.constantFrom('', ' ', '0', '-0', 'null', '\u0000', '\uFEFF', `EQ${'A'.repeat(46)}`, `UQ${'_'.repeat(46)}`),
);

/** One string field (of those at `where`, all by default) replaced by an odd string of the right JSON type. */
export function withOddString(template: Json, where?: Path[]): fc.Arbitrary<Json> {
    const strings = where ?? pathsOf(template).filter((p) => typeof valueAt(template, p) === 'string');
    if (strings.length === 0) return oddString;
    return fc.tuple(fc.constantFrom(...strings), oddString).map(([path, text]) => withValueAt(template, path, text));
}

/** Byte sequences no UTF-8 decoder should accept: stray continuation bytes, overlong forms, surrogates, truncations. */
const INVALID_UTF8: readonly number[][] = [
    [0xff],
    [0xfe, 0xff],
    [0x80],
    [0xbf, 0x80],
    [0xc0, 0x80],
    [0xc1, 0xbf],
    [0xe0, 0x80, 0x80],
    [0xed, 0xa0, 0x80],
    [0xed, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf8, 0x88, 0x80, 0x80, 0x80],
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x98],
];

const invalidUtf8Text: fc.Arbitrary<Buffer> = fc
    .array(
        fc.oneof(
            fc.constantFrom(...INVALID_UTF8),
            fc.string({ unit: 'grapheme-ascii', maxLength: 4 }).map((s) => [...Buffer.from(s)]),
        ),
        { minLength: 1, maxLength: 8 },
    )
    .filter((parts) => parts.some((p) => p.some((byte) => byte >= 0x80)))
    .map((parts) => Buffer.from(parts.flat()));

/**
 * Invalid UTF-8 inside one of the template's strings (those at `where`, all of them by default), or as the whole
 * body.
 */
export function withInvalidUtf8(template: Json, where?: Path[]): fc.Arbitrary<Buffer> {
    const strings = where ?? pathsOf(template).filter((p) => typeof valueAt(template, p) === 'string');
    if (strings.length === 0) return invalidUtf8Text;
    return fc.oneof(
        invalidUtf8Text,
        fc
            .tuple(fc.constantFrom(...strings), invalidUtf8Text)
            .map(([path, bytes]) => spliced(template, path, Buffer.concat([Buffer.from('"'), bytes, Buffer.from('"')]))),
    );
}

/** The body's JSON text; no body at all (an empty buffer) for undefined. */
export function asBytes(body: Json | undefined): Buffer {
    return Buffer.from(body === undefined ? '' : JSON.stringify(body));
}
