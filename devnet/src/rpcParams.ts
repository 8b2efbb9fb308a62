// Reading a toncenter method's parameters. They arrive as JSON values (JSON-RPC and POST bodies) or as strings
// (GET query strings); like toncenter, integers are taken either as numbers or as decimal strings, since logical
// times outgrow a JSON number's exact range.
import { Address, Cell } from '@ton/core';
import { badParameter, incorrectAddress } from './toncenterError';

export type RpcParams = Record<string, unknown>;

/** Refuses any parameter not in `names`: toncenter passes parameters on as keyword arguments and fails on others. */
export function expectOnly(params: RpcParams, names: readonly string[]): void {
    const unknown = Object.keys(params).filter((name) => !names.includes(name));
    if (unknown.length > 0) {
        const takes = names.length > 0 ? `it takes ${names.join(', ')}` : 'it takes none';
        throw badParameter(`unexpected parameter ${unknown.map((n) => `"${n}"`).join(', ')}: ${takes}`);
    }
}

export function requireAddress(params: RpcParams, name = 'address'): Address {
    const value = params[name];
    if (value === undefined) throw badParameter(`parameter "${name}" is required`);
    if (typeof value !== 'string') throw incorrectAddress(value);
    try {
        return Address.parse(value);
    } catch {
        throw incorrectAddress(value);
    }
}

function requireString(params: RpcParams, name: string): string {
    const value = params[name];
    if (typeof value !== 'string') throw badParameter(`parameter "${name}" is required and must be a string`);
    return value;
}

/** A whole number from `min` to `max`; `fallback` when absent. */
export function integerParam(params: RpcParams, name: string, range: { min: number; max: number; fallback: number }): number {
    const value = params[name];
    if (value === undefined) return range.fallback;
    const n = typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) {
        const got = JSON.stringify(value);
        throw badParameter(`parameter "${name}" must be a whole number from ${range.min} to ${range.max}, got ${got}`);
    }
    return n;
}

/** A logical time: a non-negative 64-bit integer, as a number or a decimal string; undefined when absent. */
export function logicalTimeParam(params: RpcParams, name: string): bigint | undefined {
    const value = params[name];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    if (typeof value === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(value) && BigInt(value) < 2n ** 64n) {
        return BigInt(value);
    }
    throw badParameter(`parameter "${name}" must be a logical time (a non-negative integer), got ${JSON.stringify(value)}`);
}

/** true or false, also spelled "true"/"false"/"1"/"0" in a query string; undefined when absent. */
export function booleanParam(params: RpcParams, name: string): boolean | undefined {
    const value = params[name];
    if (value === undefined || typeof value === 'boolean') return value;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw badParameter(`parameter "${name}" must be true or false, got ${JSON.stringify(value)}`);
}

/** A 32-byte hash in hex or base64 (either alphabet), as toncenter takes transaction hashes; undefined when absent. */
export function hashParam(params: RpcParams, name: string): Buffer | undefined {
    const value = params[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') {
        if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
        if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return Buffer.from(value, 'base64');
    }
    throw badParameter(`parameter "${name}" must be a 32-byte hash in hex or base64, got ${JSON.stringify(value)}`);
}

/** A base64 bag of cells with exactly one root. */
export function requireBoc(params: RpcParams, name: string): Cell {
    const text = requireString(params, name);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw badParameter(`parameter "${name}" is not base64`);
    let roots: Cell[];
    try {
        roots = Cell.fromBoc(Buffer.from(text, 'base64'));
    } catch (err) {
        throw badParameter(`parameter "${name}" is not a bag of cells: ${(err as Error).message}`);
    }
    if (roots.length !== 1) throw badParameter(`parameter "${name}" must hold one root cell, got ${roots.length}`);
    return roots[0];
}
