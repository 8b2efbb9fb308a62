// Get-method stacks in toncenter's JSON. Arguments come as [type, value] pairs; results go back as tonlib renders
// them through toncenter: integers in hex, cells and slices alike as "cell", null as an empty list, and the
// elements of tuples in tonlib's typed-entry form.
import { Cell, TupleItem } from '@ton/core';
import { badParameter } from './toncenterError';

const INT257_LIMIT = 2n ** 256n;

/** One argument as TonClient, tonweb and curl users send it: ["num", 5 | "5" | "-5" | "0x5"], or a cell kind. */
export function stackArgument(entry: unknown, index: number): TupleItem {
    const fail = (why: string) => badParameter(`stack entry ${index} ${why}: ${JSON.stringify(entry)}`);
    if (!Array.isArray(entry) || entry.length !== 2) throw fail('must be a [type, value] pair');
    const [kind, value] = entry as [unknown, unknown];
    if (kind === 'num') {
        const int = integerOf(value);
        if (int === undefined) throw fail('must be an integer, decimal or 0x-hex');
        if (int < -INT257_LIMIT || int >= INT257_LIMIT) throw fail('does not fit in 257 bits');
        return { type: 'int', value: int };
    }
    const cellKinds: Record<string, 'cell' | 'slice' | 'builder'> = {
        'tvm.Cell': 'cell',
        'tvm.Slice': 'slice',
        'tvm.Builder': 'builder',
    };
    if (typeof kind === 'string' && kind in cellKinds) {
        if (typeof value !== 'string') throw fail('must carry a base64 bag of cells');
        try {
            return { type: cellKinds[kind], cell: Cell.fromBase64(value) };
        } catch {
            throw fail('does not carry a valid bag of cells');
        }
    }
    throw fail('has an unsupported type (num, tvm.Cell, tvm.Slice and tvm.Builder are served)');
}

function integerOf(value: unknown): bigint | undefined {
    if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
    if (typeof value !== 'string') return undefined;
    const match = /^(-?)(0x[0-9a-fA-F]+|[0-9]+)$/.exec(value);
    if (!match) return undefined;
    const magnitude = BigInt(match[2]);
    return match[1] === '-' ? -magnitude : magnitude;
}

/** A result entry at the top of the stack. */
export function stackResult(item: TupleItem): unknown {
    switch (item.type) {
        case 'int':
            return ['num', hexOf(item.value)];
        case 'cell':
        case 'slice':
        case 'builder':
            return ['cell', { bytes: bocOf(item.cell) }];
        case 'null':
            return ['list', { '@type': 'tvm.list', elements: [] }];
        case 'tuple':
            return ['tuple', { '@type': 'tvm.tuple', elements: item.items.map(typedEntry) }];
        case 'nan':
            throw new Error('a get method returned NaN, which toncenter JSON cannot carry');
    }
}

/** An element inside a tuple, in tonlib's typed form. */
function typedEntry(item: TupleItem): unknown {
    switch (item.type) {
        case 'int':
            return { '@type': 'tvm.stackEntryNumber', number: { '@type': 'tvm.numberDecimal', number: item.value.toString() } };
        case 'cell':
        case 'builder':
            return { '@type': 'tvm.stackEntryCell', cell: { '@type': 'tvm.cell', bytes: bocOf(item.cell) } };
        case 'slice':
            return { '@type': 'tvm.stackEntrySlice', slice: { '@type': 'tvm.slice', bytes: bocOf(item.cell) } };
        case 'null':
            return { '@type': 'tvm.stackEntryList', list: { '@type': 'tvm.list', elements: [] } };
        case 'tuple':
            return { '@type': 'tvm.stackEntryTuple', tuple: { '@type': 'tvm.tuple', elements: item.items.map(typedEntry) } };
        case 'nan':
            throw new Error('a get method returned NaN, which toncenter JSON cannot carry');
    }
}

function hexOf(value: bigint): string {
    return value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

function bocOf(cell: Cell): string {
    return cell.toBoc().toString('base64');
}
