// TON amounts at the edges: typed in as decimal TON, printed with the unit; nanotons (bigint) everywhere between.
import { fromNano } from '@ton/core';
import { UsageError } from './usage';

const TON_PATTERN = /^\d{1,10}(\.\d{1,9})?$/;

/** "1.5" → 1_500_000_000n; refuses anything that is not a plain decimal of at most 9 fraction digits. */
export function parseTon(text: string, what: string): bigint {
    const trimmed = text.trim();
    if (!TON_PATTERN.test(trimmed)) throw new UsageError(`${what} must be an amount in TON such as 1.5, not ${JSON.stringify(text)}`);
    const [whole, fraction = ''] = trimmed.split('.');
    return BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
}

export function formatTon(nanotons: bigint | string): string {
    return `${fromNano(nanotons)} TON`;
}
