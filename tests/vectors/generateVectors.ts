// Writes tests/vectors/claim-vectors.json: signed intents, their comments and bodies, and malformed comments
// with the exit code the contract must answer. Run `npm run vectors` after a deliberate encoding change;
// the TypeScript and contract tests both read the file, so the three places stay in step.
import { writeFileSync } from 'fs';
import { join } from 'path';
import { toNano } from '@ton/core';
import { sha256_sync } from '@ton/crypto';
import {
    buildClaimComment,
    buildClaimRewardBody,
    buildSignedData,
    claimCommentPayload,
    CommentError,
    MAX_AMOUNT,
    MAX_TASK_ID,
    MAX_VALID_UNTIL,
    SignatureEncoding,
    signIntent,
} from '../../wrappers/claimEncoding';
import { Address } from '@ton/core';
import { escrowFixture, HOUR, T0 } from '../helpers/escrowFixture';

/** Fixed escrow addresses the vectors sign for; tests place an escrow there (tests/helpers/placeEscrow.ts). */
export const VECTOR_ESCROWS = {
    task42: Address.parse('0:' + '3a'.repeat(32)),
    maxTask: Address.parse('0:' + '5c'.repeat(32)),
};
/** Funding id the vectors sign for (any uint64; a real one is the master's logical time at funding). */
const VECTOR_FUNDING_ID = 31_337_000_001n;
import { ClaimVectors, MalformedVector, ValidVector } from './claimVectors';

async function main() {
    const f = await escrowFixture();
    const cases = [
        {
            name: 'typical reward',
            taskId: 42n,
            executor: f.worker.address,
            amount: toNano('1'),
            validUntil: T0 + HOUR,
            encoding: undefined as SignatureEncoding | undefined,
        },
        {
            name: 'smallest amount, signature in base64url',
            taskId: 42n,
            executor: f.worker2.address,
            amount: 1n,
            validUntil: T0 + HOUR,
            encoding: 'base64url' as const,
        },
        {
            name: 'longest legal fields',
            taskId: MAX_TASK_ID,
            executor: f.worker.address,
            amount: MAX_AMOUNT,
            validUntil: MAX_VALID_UNTIL,
            encoding: undefined,
        },
    ];
    const valid: ValidVector[] = [];
    for (const c of cases) {
        const escrow = c.taskId === 42n ? VECTOR_ESCROWS.task42 : VECTOR_ESCROWS.maxTask;
        const intent = { globalId: -239, escrow, fundingId: VECTOR_FUNDING_ID, executor: c.executor, taskId: c.taskId, amount: c.amount, validUntil: c.validUntil };
        const signature = signIntent(intent, f.backendKey.secretKey);
        const comment = buildClaimComment({ ...intent, signature }, c.encoding ?? 'hex');
        valid.push({
            name: c.name,
            globalId: intent.globalId,
            escrow: escrow.toRawString(),
            fundingId: VECTOR_FUNDING_ID.toString(),
            executor: c.executor.toRawString(),
            taskId: c.taskId.toString(),
            amount: c.amount.toString(),
            validUntil: c.validUntil,
            signedData: buildSignedData(intent).toString('hex'),
            digest: sha256_sync(buildSignedData(intent)).toString('hex'),
            signature: signature.toString('hex'),
            signatureEncoding: c.encoding ?? 'hex',
            comment,
            payload: claimCommentPayload(comment),
            claimRewardBody: buildClaimRewardBody(intent, signature).toBoc().toString('base64'),
        });
    }

    const base = valid[0].comment;
    const sig = valid[0].signature;
    const swap = (from: string, to: string) => base.replace(from, to);
    const b64 = Buffer.from(sig, 'hex').toString('base64url');
    // The last base64url character carries 2 signature bits and 4 spare bits; this one sets a spare bit.
    const nonCanonicalLast = 'B';
    const malformed: MalformedVector[] = [
        { name: 'empty text', comment: '', code: CommentError.Prefix },
        { name: 'plain greeting', comment: 'thanks for the reward', code: CommentError.Prefix },
        { name: 'future version', comment: swap('GSTD1 ', 'GSTD2 '), code: CommentError.Prefix },
        { name: 'lowercase product', comment: swap('GSTD1 ', 'gstd1 '), code: CommentError.Prefix },
        { name: 'misspelt amount label', comment: swap(' amount=', ' amnt='), code: CommentError.Field },
        { name: 'missing until field', comment: base.replace(/ until=\d+/, ''), code: CommentError.Field },
        { name: 'missing signature', comment: base.slice(0, base.indexOf(' sig=')), code: CommentError.Field },
        { name: 'empty task id', comment: swap('task=42', 'task='), code: CommentError.Digit },
        { name: 'letter inside task id', comment: swap('task=42', 'task=4x2'), code: CommentError.Digit },
        { name: 'exponent in amount', comment: swap('amount=1000000000', 'amount=1e9'), code: CommentError.Digit },
        { name: 'tab after until', comment: base.replace(/ until=(\d+) /, ' until=$1\t'), code: CommentError.Digit },
        { name: 'task id of 20 digits', comment: swap('task=42', 'task=10000000000000000000'), code: CommentError.Overflow },
        { name: 'amount of 20 digits', comment: swap('amount=1000000000', 'amount=10000000000000000000'), code: CommentError.Overflow },
        { name: 'until of 11 digits', comment: base.replace(/ until=\d+/, ' until=10000000000'), code: CommentError.Overflow },
        { name: 'signature one character short', comment: base.slice(0, -1), code: CommentError.SigLength },
        { name: 'signature in padded base64', comment: swap(sig, Buffer.from(sig, 'hex').toString('base64')), code: CommentError.SigLength },
        { name: 'base64url signature one character short', comment: swap(sig, b64.slice(0, 85)), code: CommentError.SigLength },
        { name: 'base64 "+" in a base64url signature', comment: swap(sig, '+' + b64.slice(1)), code: CommentError.SigChar },
        { name: 'base64url signature with spare bits set', comment: swap(sig, b64.slice(0, 85) + nonCanonicalLast), code: CommentError.SigChar },
        { name: 'uppercase signature', comment: swap(sig, sig.toUpperCase()), code: CommentError.SigChar },
        { name: 'non-hex letter in signature', comment: swap(sig, 'g' + sig.slice(1)), code: CommentError.SigChar },
        { name: 'space after signature', comment: base + ' ', code: CommentError.Trailing },
        { name: 'extra hex after signature', comment: base + '00', code: CommentError.Trailing },
    ];
    const vectors: ClaimVectors = { backendSeed: '07'.repeat(32), valid, malformed };
    writeFileSync(join(__dirname, 'claim-vectors.json'), JSON.stringify(vectors, null, 2) + '\n');
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
