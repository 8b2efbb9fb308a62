// The TypeScript side of the shared encoding: every vector rebuilt byte for byte, and every malformed
// comment refused with the contract's exit code.
import { Address, beginCell, Cell } from '@ton/core';
import { keyPairFromSeed, sha256_sync } from '@ton/crypto';
import {
    buildClaimComment,
    buildClaimRewardBody,
    buildSignedData,
    claimCommentCell,
    claimCommentPayload,
    ClaimCommentError,
    claimDigest,
    COMMENT_ROOT_BYTES,
    CommentError,
    commentTextOfCell,
    parseClaimComment,
    PayoutIntent,
    signIntent,
    verifyIntent,
} from '../wrappers/claimEncoding';
import { signedDataByHand } from './helpers/signedDataByHand';
import { loadClaimVectors, ValidVector } from './vectors/claimVectors';

const vectors = loadClaimVectors();
const backendKey = keyPairFromSeed(Buffer.from(vectors.backendSeed, 'hex'));

function intentOf(v: ValidVector): PayoutIntent {
    return {
        globalId: v.globalId,
        escrow: Address.parse(v.escrow),
        fundingId: BigInt(v.fundingId),
        executor: Address.parse(v.executor),
        taskId: BigInt(v.taskId),
        amount: BigInt(v.amount),
        validUntil: v.validUntil,
    };
}

function codeOf(fn: () => unknown): CommentError | undefined {
    try {
        fn();
    } catch (err) {
        if (err instanceof ClaimCommentError) return err.code;
        throw err;
    }
    return undefined;
}

describe.each(vectors.valid)('vector "$name"', (v) => {
    const intent = intentOf(v);
    const signature = Buffer.from(v.signature, 'hex');

    it('signed data matches the vector and the documented layout', () => {
        expect(buildSignedData(intent).toString('hex')).toBe(v.signedData);
        expect(signedDataByHand(intent).toString('hex')).toBe(v.signedData);
        expect(claimDigest(intent).toString('hex')).toBe(v.digest);
        expect(sha256_sync(Buffer.from(v.signedData, 'hex')).toString('hex')).toBe(v.digest);
    });

    it('signature, comment, payload and binary body match the vector', () => {
        expect(signIntent(intent, backendKey.secretKey).toString('hex')).toBe(v.signature);
        expect(verifyIntent(intent, signature, backendKey.publicKey)).toBe(true);
        expect(buildClaimComment({ ...intent, signature }, v.signatureEncoding)).toBe(v.comment);
        expect(claimCommentPayload(v.comment)).toBe(v.payload);
        expect(buildClaimRewardBody(intent, signature).toBoc().toString('base64')).toBe(v.claimRewardBody);
    });

    it('comment parses back to the signed fields', () => {
        expect(parseClaimComment(v.comment)).toEqual({
            taskId: intent.taskId,
            amount: intent.amount,
            validUntil: intent.validUntil,
            signature,
        });
        expect(commentTextOfCell(Cell.fromBase64(v.payload))).toBe(v.comment);
    });

    it('signature does not verify for another executor or amount', () => {
        const other = Address.parse('0:' + '11'.repeat(32));
        expect(verifyIntent({ ...intent, executor: other }, signature, backendKey.publicKey)).toBe(false);
        expect(verifyIntent({ ...intent, amount: intent.amount - 1n || 2n }, signature, backendKey.publicKey)).toBe(false);
    });
});

describe('malformed comments', () => {
    it.each(vectors.malformed)('"$name" is refused with code $code', ({ comment, code }) => {
        expect(codeOf(() => parseClaimComment(comment))).toBe(code);
    });
});

describe('comment cell layout', () => {
    const text = vectors.valid[0].comment;
    const bytes = Buffer.from(text, 'latin1');

    function split(at: number): Cell {
        return beginCell()
            .storeUint(0, 32)
            .storeBuffer(bytes.subarray(0, at))
            .storeRef(beginCell().storeBuffer(bytes.subarray(at)).endCell())
            .endCell();
    }

    it('root cell holds exactly 123 bytes in the canonical layout', () => {
        const root = claimCommentCell(text).beginParse();
        expect(root.remainingBits).toBe(32 + COMMENT_ROOT_BYTES * 8);
        expect(root.remainingRefs).toBe(1);
    });

    it('a split at any other boundary is refused as a layout error', () => {
        for (const at of [60, 61, 100, 122]) {
            expect(codeOf(() => commentTextOfCell(split(at)))).toBe(CommentError.Layout);
        }
        expect(commentTextOfCell(split(COMMENT_ROOT_BYTES))).toBe(text);
    });

    it('a second continuation cell is refused as a layout error', () => {
        const tail = beginCell()
            .storeBuffer(bytes.subarray(COMMENT_ROOT_BYTES, 150))
            .storeRef(beginCell().storeBuffer(bytes.subarray(150)).endCell())
            .endCell();
        const cell = beginCell().storeUint(0, 32).storeBuffer(bytes.subarray(0, COMMENT_ROOT_BYTES)).storeRef(tail).endCell();
        expect(codeOf(() => commentTextOfCell(cell))).toBe(CommentError.Layout);
    });
});

describe('encoding input checks', () => {
    const base = intentOf(vectors.valid[0]);

    it('refuses amounts and ids outside the grammar', () => {
        expect(() => buildSignedData({ ...base, amount: 0n })).toThrow(RangeError);
        expect(() => buildSignedData({ ...base, amount: 10n ** 19n })).toThrow(RangeError);
        expect(() => buildSignedData({ ...base, taskId: 10n ** 19n })).toThrow(RangeError);
        expect(() => buildSignedData({ ...base, validUntil: 10 ** 10 })).toThrow(RangeError);
    });

    it('refuses a signature of the wrong length', () => {
        expect(() => buildClaimComment({ ...base, signature: Buffer.alloc(63) })).toThrow(RangeError);
        expect(() => buildClaimRewardBody(base, Buffer.alloc(65))).toThrow(RangeError);
    });
});
