import { decodeStrictBase64 } from '../../../backend/src/auth/strictBase64';

describe('decodeStrictBase64', () => {
    it('decodes standard base64, with or without padding', () => {
        expect(decodeStrictBase64('+/8=')?.toString('hex')).toBe('fbff');
        expect(decodeStrictBase64('+/8')?.toString('hex')).toBe('fbff');
        expect(decodeStrictBase64('')?.length).toBe(0);
    });

    it.each([
        ['base64url characters', '-_8='],
        ['whitespace', 'AA AA'],
        ['a newline', 'AAAA\n'],
        ['padding in the middle', 'AA==AA=='],
        ['non-zero trailing bits', 'AB=='],
        ['a length no encoding has', 'AAAAA'],
        ['too much padding', 'AA==='],
    ])('rejects %s', (_name, text) => {
        expect(decodeStrictBase64(text)).toBeNull();
    });
});
