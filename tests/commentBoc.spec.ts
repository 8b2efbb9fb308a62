// The directly written comment BOC equals what @ton/core serialises for the same comment, at every length.
import { beginCell } from '@ton/core';
import fc from 'fast-check';
import { commentBoc } from '../wrappers/commentBoc';

function viaCell(text: Buffer): Buffer {
    return beginCell().storeUint(0, 32).storeStringTail(text.toString('latin1')).endCell().toBoc();
}

describe('commentBoc', () => {
    it('equals Cell.toBoc() for every length a two-cell comment can have', () => {
        for (let length = 0; length <= 250; length++) {
            const text = Buffer.from('x'.repeat(length), 'latin1');
            expect(commentBoc(text)!.toString('hex')).toBe(viaCell(text).toString('hex'));
        }
    });

    it('equals Cell.toBoc() for random ASCII text', () => {
        fc.assert(
            fc.property(fc.string({ unit: fc.constantFrom(...'GSTD1 claimtask=0123456789abcdefsig_-'.split('')), maxLength: 250 }), (s) => {
                const text = Buffer.from(s, 'latin1');
                expect(commentBoc(text)!.equals(viaCell(text))).toBe(true);
            }),
            { seed: 20261130, numRuns: 300 },
        );
    });

    it('declines text that needs a third cell', () => {
        expect(commentBoc(Buffer.alloc(251, 0x61))).toBeNull();
    });
});
