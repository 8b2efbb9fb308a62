// Redis stream entry ids ("<milliseconds>-<sequence>", both unsigned 64-bit) compared and stepped as numbers: as
// strings "9-0" would sort after "10-0".

function parts(id: string): [bigint, bigint] {
    const match = /^(\d+)-(\d+)$/.exec(id);
    if (!match) throw new Error(`not a stream entry id: "${id}"`);
    return [BigInt(match[1]), BigInt(match[2])];
}

/** Negative, zero or positive as `a` comes before, is, or comes after `b` in a stream. */
export function compareStreamIds(a: string, b: string): number {
    const [aMs, aSeq] = parts(a);
    const [bMs, bSeq] = parts(b);
    if (aMs !== bMs) return aMs < bMs ? -1 : 1;
    return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

const MAX_SEQUENCE = 2n ** 64n - 1n;

/** The smallest id that comes after `id`. */
export function nextStreamId(id: string): string {
    const [ms, seq] = parts(id);
    return seq === MAX_SEQUENCE ? `${ms + 1n}-0` : `${ms}-${seq + 1n}`;
}
