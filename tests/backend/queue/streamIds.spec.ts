import { compareStreamIds, nextStreamId } from '../../../backend/src/queue/streamIds';

describe('stream ids', () => {
    it('compare as numbers, where strings would put 9-0 after 10-0', () => {
        expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0);
        expect(compareStreamIds('10-2', '10-10')).toBeLessThan(0);
        expect(compareStreamIds('10-10', '10-2')).toBeGreaterThan(0);
        expect(compareStreamIds('1700000000000-3', '1700000000000-3')).toBe(0);
    });

    it('compare exactly beyond the safe integers of a double', () => {
        expect(compareStreamIds('1-18446744073709551614', '1-18446744073709551615')).toBeLessThan(0);
    });

    it('step to the next sequence number, or the next millisecond once the sequence is exhausted', () => {
        expect(nextStreamId('0-0')).toBe('0-1');
        expect(nextStreamId('1700000000000-41')).toBe('1700000000000-42');
        expect(nextStreamId('5-18446744073709551615')).toBe('6-0');
    });

    it('refuse what is not an entry id', () => {
        expect(() => compareStreamIds('$', '0-0')).toThrow('not a stream entry id');
        expect(() => nextStreamId('12')).toThrow('not a stream entry id');
    });
});
