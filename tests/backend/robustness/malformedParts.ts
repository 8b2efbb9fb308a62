// The pieces of a malformed request, as fast-check arbitraries: path parameters, query strings, content types,
// raw bytes, methods. Path parameters stay within fastify's 100-character limit and valid percent-encoding:
// beyond those fastify answers before the app does (see the known gaps in malformedRequests.spec.ts).
import { METHODS } from 'http';
import fc from 'fast-check';

const printableAsciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

/** Text a real HTTP header could carry. */
export function printableAscii(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
    return fc.string({ unit: printableAsciiChar, ...constraints });
}

const MAX_PARAM_CHARS = 100;

/** Task ids, device ids and hashes as nobody should send them: huge, negative, hex, padded, unicode, tricky. */
export const badPathParam: fc.Arbitrary<string> = fc
    .oneof(
        fc.bigInt({ min: 10n ** 19n, max: 10n ** 90n }).map(String),
        fc.bigInt({ min: -(10n ** 30n), max: -1n }).map(String),
        fc.bigInt({ min: 0n, max: 2n ** 128n }).map((n) => `0x${n.toString(16)}`),
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat()).map(([zeros, n]) => '0'.repeat(zeros) + n),
        fc.constantFrom('1.5', '1e3', '-0', '+1', '%201', '1%20', '..', '.', 'null', 'NaN', 'Infinity'),
        fc.constantFrom('__proto__', 'constructor', '%00', '%2F', '%2e%2e', '%25'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map(encodeURIComponent),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
        fc.stringMatching(/^[0-9a-fA-F-]{1,80}$/),
        fc.uuid().map((u) => u.toUpperCase()),
    )
    .filter((param) => param.length > 0 && param.length <= MAX_PARAM_CHARS);

const queryKey = fc.oneof(
    fc.constantFrom('limit', 'device_id', 'id', '__proto__', 'constructor', 'limit[]', 'a[b]', ''),
    printableAscii({ maxLength: 10 }).map(encodeURIComponent),
);

/** A query string of a few key=value pairs, some repeated, some not encoded, drawing values from `known` too. */
export function badQuery(known: string[]): fc.Arbitrary<string> {
    const value = fc.oneof(
        fc.constantFrom(...known),
        fc.constantFrom('', '0', '-1', '1000', '999', '1e2', '01', ' 1', 'true', '%zz', '%', '%E0%A4%A', '%00'),
        fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
        fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
        printableAscii({ maxLength: 20 }).map((s) => s.replace(/[#&\s]/g, '')),
    );
    return fc.array(fc.tuple(queryKey, value), { minLength: 1, maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}

export const badContentType: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom(
        'text/plain',
        'text/plain; charset=utf-8',
        'text/html',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
        'application/xml',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json;',
        'application/json, text/plain',
        'APPLICATION/JSON',
        'application/jsonx',
        'application/vnd.api+json',
        'application/*',
        '*/*',
        '',
        ';',
        '/',
        'json',
        'application/json; boundary="',
    ),
    printableAscii({ maxLength: 60 }),
);

export const garbageBytes: fc.Arbitrary<Buffer> = fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((bytes) => Buffer.from(bytes));

/** Every method Node's HTTP parser knows (methods it does not know are sent over a raw socket instead). */
export const anyMethod: fc.Arbitrary<string> = fc.constantFrom(...METHODS);
