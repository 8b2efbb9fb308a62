// The web app's TON amounts: shown with every nanoton, typed back exactly, never through a float.
import fc from 'fast-check';
import { formatTon, parseTon, TonAmountError, tonText } from '../../web/src/format/tonAmount';

describe('formatTon', () => {
    it.each([
        [0n, '0'],
        [1n, '0.000000001'],
        [1_500_000_000n, '1.5'],
        [1_000_000_000n, '1'],
        [123_456_789_012_345_678n, '123456789.012345678'],
        [-50_000_000n, '-0.05'],
        [9_223_372_036_854_775_807n, '9223372036.854775807'],
    ])('%s nanotons read %s TON', (nanotons, text) => {
        expect(formatTon(nanotons)).toBe(text);
    });

    it('tonText takes the API decimal strings and names the unit', () => {
        expect(tonText('950000000')).toBe('0.95 TON');
        expect(tonText(2n)).toBe('0.000000002 TON');
    });
});

describe('parseTon', () => {
    it.each([
        ['1.5', 1_500_000_000n],
        [' 2 ', 2_000_000_000n],
        ['0,25', 250_000_000n],
        ['.5', 500_000_000n],
        ['3.', 3_000_000_000n],
        ['0.000000001', 1n],
        ['123456789.123456789', 123_456_789_123_456_789n],
    ])('%j is %s nanotons', (text, nanotons) => {
        expect(parseTon(text)).toBe(nanotons);
    });

    it.each(['', '.', '-1', '1e9', '1.2.3', 'abc', '1 000', '0x10', '+1'])('refuses %j', (text) => {
        expect(() => parseTon(text)).toThrow(TonAmountError);
    });

    it('refuses a tenth decimal rather than rounding it', () => {
        expect(() => parseTon('0.0000000015')).toThrow(/at most 9 decimals/);
    });

    it('reads back exactly what it shows, for any amount', () => {
        fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (n) => parseTon(formatTon(n)) === n));
    });
});
