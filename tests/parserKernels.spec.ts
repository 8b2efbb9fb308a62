// The comment parser's assembly kernels and the whole parser, each against a model, on generated and exhaustive
// inputs. The harness (contracts/test/parser_harness.tact) runs them in a sandbox getter, a batch per call; a
// kernel that throws reports its exit code. Models: the small functions below for the kernels, and
// wrappers/claimEncoding.ts (commentTextOfCell, parseClaimComment) for the whole comment.
import { beginCell, Cell } from '@ton/core';
import fc from 'fast-check';
import {
    ERR_COMMENT_DIGIT,
    ERR_COMMENT_FIELD,
    ERR_COMMENT_LAYOUT,
    ERR_COMMENT_OVERFLOW,
    ERR_COMMENT_PREFIX,
    ERR_COMMENT_SIG_CHAR,
    ERR_COMMENT_SIG_LENGTH,
    ERR_COMMENT_TRAILING,
} from '../build/ParserHarness/ParserHarness_ParserHarness';
import {
    ClaimCommentError,
    claimCommentCell,
    COMMENT_PREFIX,
    COMMENT_ROOT_BYTES,
    CommentError,
    commentTextOfCell,
    MAX_AMOUNT,
    MAX_TASK_ID,
    MAX_VALID_UNTIL,
    parseClaimComment,
} from '../wrappers/claimEncoding';
import { Harness, Outcome, ParsedComment, parserHarness } from './helpers/parserHarness';

const SIG_CHAR = Number(ERR_COMMENT_SIG_CHAR);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';

// ---- Models -------------------------------------------------------------------------------------------------

/** digitRun: the leading ASCII digits among the first 32 bytes, and their value (compared up to 20 digits). */
function digitRunModel(text: Buffer): { digits: number; value: bigint } {
    let digits = 0;
    while (digits < 32 && digits < text.length && text[digits] >= 0x30 && text[digits] <= 0x39) digits++;
    return { digits, value: BigInt('0' + text.toString('latin1', 0, digits)) };
}

/** hexSignature: 128 lowercase hex characters as 64 bytes, anything else refused. */
function hexModel(text: Buffer): Outcome<Buffer> {
    const s = text.toString('latin1');
    return /^[0-9a-f]{128}$/.test(s) ? { code: 0, value: Buffer.from(s, 'hex') } : { code: SIG_CHAR };
}

/** base64Word: 32 base64url characters, six bits each, as one 192-bit integer; anything else refused. */
function base64WordModel(word: Buffer): Outcome<bigint> {
    let value = 0n;
    for (const byte of word) {
        const digit = BASE64URL.indexOf(String.fromCharCode(byte));
        if (digit < 0) return { code: SIG_CHAR };
        value = (value << 6n) | BigInt(digit);
    }
    return { code: 0, value };
}

/** The whole comment body through wrappers/claimEncoding.ts, as the harness reports it. */
function commentModel(body: Cell): Outcome<ParsedComment> {
    try {
        const f = parseClaimComment(commentTextOfCell(body));
        return { code: 0, value: { taskId: f.taskId, amount: f.amount, validUntil: BigInt(f.validUntil), signature: f.signature } };
    } catch (e) {
        if (e instanceof ClaimCommentError) return { code: e.code };
        throw e;
    }
}

// ---- Inputs -------------------------------------------------------------------------------------------------

const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const ALL_BYTES = Array.from({ length: 256 }, (_, b) => b);
/** Bytes next to the digit range, and digits with bit 7 set (the kernel clears bit 7 before its range test). */
const NEAR_DIGIT = [0x00, 0x20, 0x2f, 0x3a, 0x3f, 0x7f, 0x80, 0xaf, 0xb0, 0xb5, 0xb9, 0xba, 0xff];
/** Bytes next to 0-9 and a-f, uppercase hex, and the same with bit 7 set. */
const NEAR_HEX = [...ascii('/:`g@GABCDEF'), 0x00, 0x7f, 0x80, 0xaf, 0xb0, 0xb9, 0xba, 0xe0, 0xe1, 0xe6, 0xe7, 0xff];
/** Bytes next to each base64url range (A-Z, a-z, 0-9, '-', '_') and the ends of each range, also with bit 7 set. */
const NEAR_BASE64 = ((bytes: number[]) => [...bytes, ...bytes.map((b) => b | 0x80), 0x00, 0x7f, 0xff])(
    ascii('@AZ[`az{/09:,-.^_'),
);

const digitByte = fc.integer({ min: 0x30, max: 0x39 });
const anyByte = (near: number[]) =>
    fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...near) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) });
// size 'max': lengths spread over the whole range (fast-check's default keeps arrays to about ten elements).
const bytes = (arb: fc.Arbitrary<number>, maxLength: number) => fc.array(arb, { maxLength, size: 'max' }).map((a) => Buffer.from(a));
/** One getter call's worth of generated inputs. */
const batch = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 40, maxLength: 60 });
/** n random characters of `alphabet`, as bytes. */
const charsOf = (alphabet: string, n: number) =>
    fc.array(fc.constantFrom(...ascii(alphabet)), { minLength: n, maxLength: n }).map((a) => Buffer.from(a));

/** A text with `b` replaced at `at`. */
function withByte(text: Buffer, at: number, b: number): Buffer {
    const out = Buffer.from(text);
    out[at] = b;
    return out;
}

/** Up to three positions of a text replaced by near-miss or random bytes. */
const nearMisses = (text: fc.Arbitrary<Buffer>, near: number[]) =>
    fc
        .tuple(text, fc.array(fc.tuple(fc.nat(), anyByte(near)), { maxLength: 3 }))
        .map(([t, changes]) => changes.reduce((acc, [at, b]) => withByte(acc, at % acc.length, b), t));

/**
 * Differences between results and a model, with the input shown, so a failure reads as a table of the failing
 * inputs. That is why the properties stop at the first failing batch (endOnFailure) instead of shrinking it:
 * shrinking a batch costs a getter call per step and would show no more than the table does.
 */
function mismatches<I, R>(inputs: I[], got: R[], want: (input: I) => R, show: (input: I) => string) {
    return inputs.flatMap((input, i) => {
        const expected = want(input);
        return fc.stringify(got[i]) === fc.stringify(expected) ? [] : [{ input: show(input), expected, got: got[i] }];
    });
}

const hex = (b: Buffer) => b.toString('hex');

describe('comment parser kernels agree with their models', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await parserHarness();
    });

    describe('digitRun', () => {
        /** The harness result with the value kept only where the kernel promises it (20 digits or fewer). */
        const promised = (r: { digits: number; value: bigint }) => ({ digits: r.digits, value: r.digits <= 20 ? r.value : undefined });

        /** `run` digits, then `b`, then more digits. */
        const runThen = (run: number, b: number) =>
            Buffer.from([...Array.from({ length: run }, (_, i) => 0x30 + ((i * 7 + b) % 10)), b, 0x31, 0x32]);
        const check = async (texts: Buffer[]) =>
            expect(mismatches(texts, (await harness.digitRuns(texts)).map(promised), (t) => promised(digitRunModel(t)), hex)).toEqual([]);

        it('ends a run of every length 0..32 at every byte next to the digits', async () => {
            await check(NEAR_DIGIT.flatMap((b) => Array.from({ length: 33 }, (_, run) => runThen(run, b))));
        });

        it('ends a run of 0, 1, 19, 20, 21 and 31 digits at every byte value', async () => {
            await check(ALL_BYTES.flatMap((b) => [0, 1, 19, 20, 21, 31].map((run) => runThen(run, b))));
        });

        it('agrees on generated texts of 0..40 bytes', async () => {
            const text = fc.oneof(
                fc
                    .tuple(bytes(digitByte, 40), bytes(anyByte(NEAR_DIGIT), 40))
                    .map(([run, rest]) => Buffer.concat([run, rest]).subarray(0, 40)),
                bytes(fc.oneof({ weight: 6, arbitrary: digitByte }, { weight: 2, arbitrary: anyByte(NEAR_DIGIT) }), 40),
            );
            await fc.assert(
                fc.asyncProperty(batch(text), async (texts) => {
                    const got = await harness.digitRuns(texts);
                    expect(mismatches(texts, got.map(promised), (t) => promised(digitRunModel(t)), hex)).toEqual([]);
                }),
                { numRuns: 15, endOnFailure: true },
            );
        });
    });

    describe('hexSignature', () => {
        // The head is the root's text after " sig=": 38 to 83 characters as the layout allows (after 40 to 85
        // bytes of fields). The kernel is also run at every other split, from 1 character in the head to 127 (a cell
        // holds at most 127 bytes, so neither part can hold all 128).
        const splits = Array.from({ length: 127 }, (_, i) => i + 1);
        const run = async (cases: { text: Buffer; headBytes: number }[]) =>
            mismatches(
                cases,
                await harness.hexSignatures(cases),
                (c) => hexModel(c.text),
                (c) => `${c.headBytes} ${JSON.stringify(c.text.toString('latin1'))}`,
            );

        it('decodes lowercase hex at every split', async () => {
            const text = Buffer.from(Array.from({ length: 128 }, (_, i) => HEX.charCodeAt((i * 5 + (i >> 4)) % 16)));
            expect(await run(splits.map((headBytes) => ({ text, headBytes })))).toEqual([]);
        });

        const text = Buffer.from(Array.from({ length: 128 }, (_, i) => HEX.charCodeAt((i * 11 + 3) % 16)));
        /** `text` with `b` at `at`, split somewhere that moves with the position and the byte. */
        const nearMiss = (b: number, at: number) => ({ text: withByte(text, at, b), headBytes: splits[(at * 37 + b) % splits.length] });

        it('refuses the bytes next to 0-9 and a-f at every position with ERR_COMMENT_SIG_CHAR', async () => {
            const cases = ascii('/:`g').flatMap((b) => Array.from({ length: 128 }, (_, at) => nearMiss(b, at)));
            expect(await run(cases)).toEqual([]);
        });

        it('refuses uppercase hex, bit-7 look-alikes and every other byte value, spread over all positions', async () => {
            // Each of these at every fourth position (all four 32-character chunks, eight lanes in each), and every
            // byte value once, at a position that moves with the value.
            const cases = [
                ...NEAR_HEX.flatMap((b, k) => Array.from({ length: 32 }, (_, j) => nearMiss(b, (k + 4 * j) % 128))),
                ...ALL_BYTES.map((b) => nearMiss(b, (b * 37) % 128)),
            ];
            expect(await run(cases)).toEqual([]);
        });

        it('agrees on generated texts and splits', async () => {
            const hexCase = fc.record({
                text: fc.oneof(charsOf(HEX, 128), nearMisses(charsOf(HEX, 128), NEAR_HEX)),
                headBytes: fc.oneof(fc.integer({ min: 38, max: 83 }), fc.constantFrom(...splits)),
            });
            await fc.assert(
                fc.asyncProperty(batch(hexCase), async (cases) => {
                    expect(await run(cases)).toEqual([]);
                }),
                { numRuns: 10, endOnFailure: true },
            );
        });
    });

    describe('base64Word', () => {
        const run = async (words: Buffer[]) =>
            mismatches(words, await harness.base64Words(words), base64WordModel, (w) => JSON.stringify(w.toString('latin1')));

        const word = Buffer.from(Array.from({ length: 32 }, (_, i) => BASE64URL.charCodeAt((i * 29 + 7) % 64)));

        it('agrees for every byte next to an alphabet range, and the ends of each range, in every lane', async () => {
            expect(await run(NEAR_BASE64.flatMap((b) => Array.from({ length: 32 }, (_, lane) => withByte(word, lane, b))))).toEqual([]);
        });

        it('agrees for every byte value, each in four lanes, every lane covered', async () => {
            expect(await run(ALL_BYTES.flatMap((b) => [0, 8, 16, 24].map((k) => withByte(word, (b + k) % 32, b))))).toEqual([]);
        });

        it('agrees on generated words', async () => {
            const word = fc.oneof(charsOf(BASE64URL, 32), nearMisses(charsOf(BASE64URL, 32), NEAR_BASE64));
            await fc.assert(
                fc.asyncProperty(batch(word), async (words) => {
                    expect(await run(words)).toEqual([]);
                }),
                { numRuns: 15, endOnFailure: true },
            );
        });
    });
});

// ---- Whole comments -----------------------------------------------------------------------------------------

/** A decimal field: a value in range, written with no leading zeros half the time and otherwise up to the limit. */
function decimal(max: bigint, maxDigits: number) {
    const value = fc.oneof(fc.bigInt(0n, max), fc.constantFrom(0n, 1n, 9n, 10n, max - 1n, max));
    return value.chain((n) => {
        const room = maxDigits - n.toString().length;
        return fc.oneof(fc.constant(0), fc.integer({ min: 0, max: room })).map((zeros) => '0'.repeat(zeros) + n);
    });
}

const LABELS = [COMMENT_PREFIX, ' amount=', ' until=', ' sig='];
const MAX_DIGITS = [19, 19, 10];

/** A well-formed comment's text, and where its three numbers and its signature start and end. */
const validComment = fc
    .record({
        numbers: fc.tuple(decimal(MAX_TASK_ID, 19), decimal(MAX_AMOUNT, 19), decimal(BigInt(MAX_VALID_UNTIL), 10)),
        signature: fc.uint8Array({ minLength: 64, maxLength: 64 }),
        encoding: fc.constantFrom<BufferEncoding>('hex', 'base64url'),
    })
    .map(({ numbers, signature, encoding }) => {
        const parts = [...numbers, Buffer.from(signature).toString(encoding)];
        const spans: [number, number][] = [];
        let text = '';
        parts.forEach((part, i) => {
            text += LABELS[i];
            spans.push([text.length, text.length + part.length]);
            text += part;
        });
        return { text: Buffer.from(text, 'latin1'), spans };
    });

type Comment = { text: Buffer; spans: [number, number][] };
const splice = (t: Buffer, at: number, remove: number, insert: number[] = []) =>
    Buffer.concat([t.subarray(0, at), Buffer.from(insert), t.subarray(at + remove)]);
const COMMENT_NEAR = [...NEAR_HEX, ...NEAR_BASE64, ...ascii(' =0123456789')];

/** Near-misses of a valid comment: each changes the text in one way the grammar must notice (or must not mind). */
const textChange: fc.Arbitrary<(c: Comment) => Buffer> = fc.oneof(
    // One byte changed.
    fc.tuple(fc.nat(), anyByte(COMMENT_NEAR)).map(([at, b]) => (c: Comment) => withByte(c.text, at % c.text.length, b)),
    // Truncated.
    fc.nat().map((n) => (c: Comment) => c.text.subarray(0, n % c.text.length)),
    // A byte inserted or deleted.
    fc.tuple(fc.nat(), anyByte(COMMENT_NEAR)).map(([at, b]) => (c: Comment) => splice(c.text, at % (c.text.length + 1), 0, [b])),
    fc.nat().map((at) => (c: Comment) => splice(c.text, at % c.text.length, 1)),
    // A digit too many: inserted inside a number, or leading zeros up to one past the field's limit.
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), digitByte).map(([field, at, d]) => (c: Comment) => {
        const [from, to] = c.spans[field];
        return splice(c.text, from + (at % (to - from + 1)), 0, [d]);
    }),
    fc.integer({ min: 0, max: 2 }).map((field) => (c: Comment) => {
        const [from, to] = c.spans[field];
        return splice(c.text, from, 0, Array(MAX_DIGITS[field] + 1 - (to - from)).fill(0x30));
    }),
    // A label misspelt: one of its bytes replaced, or its case flipped.
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([label, at, b]) => (c: Comment) => {
        const start = c.spans[label][0] - LABELS[label].length;
        const pos = start + (at % LABELS[label].length);
        return withByte(c.text, pos, b === c.text[pos] ? b ^ 0x20 : b);
    }),
    // The signature a few characters longer or shorter, or with text after it.
    fc.integer({ min: -3, max: 3 }).map((delta) => (c: Comment) => {
        return delta < 0 ? c.text.subarray(0, c.text.length + delta) : Buffer.concat([c.text, Buffer.from('A'.repeat(delta))]);
    }),
    fc.constantFrom(' ', '=', 'x', ' extra').map((s) => (c: Comment) => Buffer.concat([c.text, Buffer.from(s)])),
    // The last character replaced by any base64url character: in a base64url signature, three in four of them set
    // the spare bits.
    fc.constantFrom(...ascii(BASE64URL)).map((b) => (c: Comment) => withByte(c.text, c.text.length - 1, b)),
);

/** How the text is laid out in cells: canonically (root of 123 bytes) or one of the ways the layout forbids. */
type Layout =
    | { kind: 'canonical' }
    | { kind: 'split'; at: number }
    | { kind: 'extraRef' }
    | { kind: 'twoTails'; at: number }
    | { kind: 'emptyTail' }
    | { kind: 'oddBits'; bits: number; inTail: boolean };

const layout: fc.Arbitrary<Layout> = fc.oneof(
    { weight: 12, arbitrary: fc.constant<Layout>({ kind: 'canonical' }) },
    { weight: 2, arbitrary: fc.nat().map<Layout>((at) => ({ kind: 'split', at })) },
    { weight: 1, arbitrary: fc.constant<Layout>({ kind: 'extraRef' }) },
    { weight: 1, arbitrary: fc.nat().map<Layout>((at) => ({ kind: 'twoTails', at })) },
    { weight: 1, arbitrary: fc.constant<Layout>({ kind: 'emptyTail' }) },
    {
        weight: 1,
        arbitrary: fc
            .record({ bits: fc.integer({ min: 1, max: 7 }), inTail: fc.boolean() })
            .map<Layout>((r) => ({ kind: 'oddBits', ...r })),
    },
);

/** The comment body: the 32-bit zero opcode, then `text` in cells as `l` says. */
function commentBody(text: Buffer, l: Layout): Cell {
    // Root bytes: 123 canonically; for a split, any other count the two cells can hold (each at most 127 bytes).
    let rootBytes = Math.min(text.length, COMMENT_ROOT_BYTES);
    if (l.kind === 'split') {
        const lo = Math.max(0, text.length - 127);
        const choices = COMMENT_ROOT_BYTES - lo; // lo .. 122
        if (choices > 0) rootBytes = lo + (l.at % choices);
    }
    const rest = text.subarray(rootBytes);
    let tail: Cell | null = null;
    if (rest.length > 0 || l.kind === 'split') {
        if (l.kind === 'twoTails' && rest.length > 1) {
            const cut = 1 + (l.at % (rest.length - 1));
            tail = beginCell().storeBuffer(rest.subarray(0, cut)).storeRef(beginCell().storeBuffer(rest.subarray(cut))).endCell();
        } else {
            const b = beginCell().storeBuffer(rest);
            if (l.kind === 'emptyTail') b.storeRef(beginCell().endCell());
            if (l.kind === 'oddBits' && l.inTail) b.storeUint(1, l.bits);
            tail = b.endCell();
        }
    } else if (l.kind === 'emptyTail') {
        tail = beginCell().endCell();
    }
    const root = beginCell().storeUint(0, 32).storeBuffer(text.subarray(0, rootBytes));
    if (l.kind === 'oddBits' && (!l.inTail || !tail)) root.storeUint(1, l.bits);
    if (tail) root.storeRef(tail);
    if (l.kind === 'extraRef') root.storeRef(beginCell().endCell());
    return root.endCell();
}

const commentCase = fc.record({
    comment: validComment,
    change: fc.option(textChange, { freq: 2 }),
    layout,
});

describe('the whole comment parser agrees with wrappers/claimEncoding.ts', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await parserHarness();
    });

    it('the model throws the contract ERR_COMMENT_* codes', () => {
        expect([
            CommentError.Prefix,
            CommentError.Field,
            CommentError.Digit,
            CommentError.Overflow,
            CommentError.SigLength,
            CommentError.SigChar,
            CommentError.Trailing,
            CommentError.Layout,
        ]).toEqual(
            [
                ERR_COMMENT_PREFIX,
                ERR_COMMENT_FIELD,
                ERR_COMMENT_DIGIT,
                ERR_COMMENT_OVERFLOW,
                ERR_COMMENT_SIG_LENGTH,
                ERR_COMMENT_SIG_CHAR,
                ERR_COMMENT_TRAILING,
                ERR_COMMENT_LAYOUT,
            ].map(Number),
        );
    });

    it('the canonical layout here is the wallets\' (claimCommentCell)', () => {
        fc.assert(
            fc.property(validComment, ({ text }) => {
                expect(commentBody(text, { kind: 'canonical' }).equals(claimCommentCell(text.toString('latin1')))).toBe(true);
            }),
        );
    });

    it('same decision, exit code and fields on 2,000 generated comments, valid and near-miss', async () => {
        const outcomes = new Map<number, number>();
        let total = 0;
        await fc.assert(
            fc.asyncProperty(fc.array(commentCase, { minLength: 80, maxLength: 85 }), async (cases) => {
                const inputs = cases.map(({ comment, change, layout: l }) => {
                    const text = change ? change(comment) : comment.text;
                    return { text, layout: l, body: commentBody(text, l) };
                });
                const got = await harness.parses(inputs.map((i) => i.body));
                const show = (i: (typeof inputs)[number]) => `${fc.stringify(i.layout)} ${JSON.stringify(i.text.toString('latin1'))}`;
                expect(mismatches(inputs, got, (i) => commentModel(i.body), show)).toEqual([]);
                for (const r of got) outcomes.set(r.code, (outcomes.get(r.code) ?? 0) + 1);
                total += cases.length;
            }),
            { numRuns: 25, endOnFailure: true },
        );
        expect(total).toBeGreaterThanOrEqual(2000);
        // Not vacuous: a good share is accepted, and every exit code the parser has was reached.
        expect(outcomes.get(0)).toBeGreaterThan(total / 5);
        expect([...outcomes.keys()].sort()).toEqual([0, ...Object.values(CommentError).filter((v) => typeof v === 'number')].sort());
    });
});
