// Two workers that computed the same answer must produce the same hash, however their runtimes happened to
// order object keys, spell numbers or compose accented characters.
import { createHash } from 'node:crypto';

/**
 * The canonical JSON text of a result:
 * - object keys NFC-normalised and sorted by UTF-16 code units, recursively; no whitespace;
 * - strings NFC-normalised;
 * - integers (number or bigint) as plain decimal digits (`1e21` → `1000000000000000000000`, `-0` → `0`),
 *   other finite numbers in ECMAScript's shortest round-trip form (`2.50` → `2.5`);
 * - `Uint8Array` (and so `Buffer`) as a base64 string;
 * - `undefined` dropped from objects and written as `null` in arrays, as JSON itself does.
 *
 * Throws RangeError for NaN or ±Infinity, TypeError for anything that is not plain data (functions, symbols,
 * class instances such as Date or Map, cycles, a top-level `undefined`, or two keys equal after NFC).
 */
export function canonicalJson(output: unknown): string {
    if (output === undefined) {
        throw new TypeError('a result cannot be undefined');
    }
    return encode(output, new Set());
}

/** sha256 of `canonicalJson(output)` (UTF-8), as 64 lowercase hex digits. */
export function canonicalResultHash(output: unknown): string {
    return createHash('sha256').update(canonicalJson(output), 'utf8').digest('hex');
}

function encode(value: unknown, ancestors: Set<object>): string {
    switch (typeof value) {
        case 'string':
            return JSON.stringify(value.normalize('NFC'));
        case 'boolean':
            return value ? 'true' : 'false';
        case 'number':
            return encodeNumber(value);
        case 'bigint':
            return value.toString();
        case 'object':
            return value === null ? 'null' : encodeObject(value, ancestors);
        default:
            throw new TypeError(`a result cannot contain a ${typeof value}`);
    }
}

function encodeNumber(value: number): string {
    if (!Number.isFinite(value)) {
        throw new RangeError(`a result cannot contain ${value}`);
    }
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

/** Deepest nesting of arrays and objects a result may have: deep enough for any real output, shallow enough
 * that encoding it can never run out of stack. */
export const MAX_RESULT_DEPTH = 64;

function encodeObject(value: object, ancestors: Set<object>): string {
    if (ancestors.size >= MAX_RESULT_DEPTH) {
        throw new RangeError(`a result cannot be nested more than ${MAX_RESULT_DEPTH} levels deep`);
    }
    if (value instanceof Uint8Array) {
        return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
    }
    if (ancestors.has(value)) {
        throw new TypeError('a result cannot contain a cycle');
    }
    ancestors.add(value);
    const text = Array.isArray(value) ? encodeArray(value, ancestors) : encodePlainObject(value, ancestors);
    ancestors.delete(value);
    return text;
}

function encodeArray(items: unknown[], ancestors: Set<object>): string {
    const parts: string[] = [];
    for (let i = 0; i < items.length; i++) {
        parts.push(items[i] === undefined ? 'null' : encode(items[i], ancestors));
    }
    return `[${parts.join(',')}]`;
}

function encodePlainObject(value: object, ancestors: Set<object>): string {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(`a result cannot contain a ${value.constructor?.name ?? 'non-plain object'}`);
    }
    const entries = new Map<string, unknown>();
    for (const [key, field] of Object.entries(value)) {
        if (field === undefined) {
            continue;
        }
        const normalisedKey = key.normalize('NFC');
        if (entries.has(normalisedKey)) {
            throw new TypeError(`two keys of a result are equal after NFC normalisation: ${JSON.stringify(normalisedKey)}`);
        }
        entries.set(normalisedKey, field);
    }
    const keys = [...entries.keys()].sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${encode(entries.get(key), ancestors)}`).join(',')}}`;
}
