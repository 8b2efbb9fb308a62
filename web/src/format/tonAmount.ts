// TON amounts for people: nanotons (bigint, as the API sends them in decimal strings) shown as TON with every
// nanoton kept, and TON typed into a form read back to nanotons exactly. No floating point anywhere.

export const NANOTONS_PER_TON = 1_000_000_000n;
const DECIMALS = 9;

/** "1.5", "0.000000001", "-2": the whole value, trailing zeros of the fraction dropped. */
export function formatTon(nanotons: bigint): string {
    const sign = nanotons < 0n ? '-' : '';
    const abs = nanotons < 0n ? -nanotons : nanotons;
    const whole = abs / NANOTONS_PER_TON;
    const fraction = (abs % NANOTONS_PER_TON).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
    return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** formatTon with its unit: "1.5 TON". Accepts the API's decimal strings too. */
export function tonText(nanotons: bigint | string): string {
    return `${formatTon(typeof nanotons === 'string' ? BigInt(nanotons) : nanotons)} TON`;
}

export class TonAmountError extends Error {}

/**
 * "1.5" → 1500000000n. A decimal point or comma, at most 9 decimals, no sign, no exponent; spaces around are
 * ignored. Anything else is refused with a message for the form, never rounded.
 */
export function parseTon(text: string): bigint {
    const trimmed = text.trim().replace(',', '.');
    const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
    if (trimmed === '' || trimmed === '.' || !match) throw new TonAmountError('enter an amount in TON, such as 1.5');
    const [, whole, fraction = ''] = match;
    if (fraction.length > DECIMALS) throw new TonAmountError('TON has at most 9 decimals (1 nanoton = 0.000000001 TON)');
    return BigInt(whole || '0') * NANOTONS_PER_TON + BigInt(fraction.padEnd(DECIMALS, '0') || '0');
}
