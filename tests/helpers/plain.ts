// Getter results hold @ton/core Address objects, which carry per-instance methods and so never deep-equal
// each other in jest. `plain` turns every address into its raw string so whole structs compare with toEqual.
import { Address } from '@ton/core';

function plainValue(value: unknown): unknown {
    if (Address.isAddress(value)) return value.toRawString();
    if (Array.isArray(value)) return value.map(plainValue);
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
    }
    return value;
}

export function plain(struct: object): Record<string, unknown> {
    return plainValue(struct) as Record<string, unknown>;
}
