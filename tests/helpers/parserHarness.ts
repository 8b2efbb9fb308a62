// The test-only ParserHarness (contracts/test/parser_harness.tact) deployed once in a sandbox, with typed batch
// calls: each call sends a list of inputs to one getter and reads back one result per input, in input order.
import { beginCell, Cell, Slice, toNano } from '@ton/core';
import { Blockchain } from '@ton/sandbox';
import { ParserHarness } from '../../build/ParserHarness/ParserHarness_ParserHarness';

/** What the harness's digitRun returned for one text. */
export interface DigitRunResult {
    digits: number;
    value: bigint;
}

/** A kernel's or the parser's result: the exit code (0 when it returned) and, when it returned, its value. */
export type Outcome<T> = { code: 0; value: T } | { code: number };

export interface ParsedComment {
    taskId: bigint;
    amount: bigint;
    validUntil: bigint;
    signature: Buffer;
}

/** Inputs per getter call: keeps each call far below the getter gas limit (10M) and the cell depth limit. */
const BATCH = 200;

/** inputs$_ input:^Cell next:(Maybe ^Cell), the first input at the root. */
function inputList(inputs: Cell[]): Cell {
    return inputs.reduceRight<Cell | null>((next, input) => beginCell().storeRef(input).storeMaybeRef(next).endCell(), null)!;
}

/** Walks a result list (the last input's result at the root) and returns the results in input order. */
function resultList<T>(root: Cell, read: (s: Slice) => T): T[] {
    const results: T[] = [];
    let node: Cell | null = root;
    while (node) {
        const s = node.beginParse();
        results.push(read(s));
        node = s.loadMaybeRef();
    }
    return results.reverse();
}

function outcome<T>(s: Slice, read: (s: Slice) => T): Outcome<T> {
    const code = s.loadUint(16);
    const value = read(s);
    return code === 0 ? { code, value } : { code };
}

function bytesOf(cell: Cell): Buffer {
    const s = cell.beginParse();
    return s.loadBuffer(s.remainingBits / 8);
}

export async function parserHarness() {
    const blockchain = await Blockchain.create();
    const harness = blockchain.openContract(await ParserHarness.fromInit());
    const deployer = await blockchain.treasury('deployer');
    await harness.send(deployer.getSender(), { value: toNano('1') }, null);

    async function batched<T>(inputs: Cell[], call: (list: Cell) => Promise<Cell>, read: (s: Slice) => T): Promise<T[]> {
        const results: T[] = [];
        for (let at = 0; at < inputs.length; at += BATCH) {
            const chunk = inputs.slice(at, at + BATCH);
            const got = resultList(await call(inputList(chunk)), read);
            if (got.length !== chunk.length) throw new Error(`harness returned ${got.length} results for ${chunk.length} inputs`);
            results.push(...got);
        }
        return results;
    }

    return {
        /** digitRun on each text. */
        digitRuns: (texts: Buffer[]) =>
            batched(
                texts.map((t) => beginCell().storeBuffer(t).endCell()),
                (list) => harness.getDigitRuns(list),
                (s): DigitRunResult => ({ digits: s.loadUint(8), value: s.loadUintBig(128) }),
            ),
        /** hexSignature on each 128-character text, its first `headBytes` in the root cell and the rest in its reference. */
        hexSignatures: (cases: { text: Buffer; headBytes: number }[]) =>
            batched(
                cases.map(({ text, headBytes }) =>
                    beginCell()
                        .storeBuffer(text.subarray(0, headBytes))
                        .storeRef(beginCell().storeBuffer(text.subarray(headBytes)).endCell())
                        .endCell(),
                ),
                (list) => harness.getHexSignatures(list),
                (s) => outcome(s, (r) => bytesOf(r.loadRef())),
            ),
        /** base64Word on each 32-byte word. */
        base64Words: (words: Buffer[]) =>
            batched(
                words.map((w) => beginCell().storeBuffer(w).endCell()),
                (list) => harness.getBase64Words(list),
                (s) => outcome(s, (r) => r.loadUintBig(192)),
            ),
        /** parseClaimComment on each comment body (zero opcode, then the text). */
        parses: (bodies: Cell[]) =>
            batched(
                bodies,
                (list) => harness.getParses(list),
                (s) =>
                    outcome(
                        s,
                        (r): ParsedComment => ({
                            taskId: r.loadUintBig(64),
                            amount: r.loadUintBig(64),
                            validUntil: r.loadUintBig(64),
                            signature: bytesOf(r.loadRef()),
                        }),
                    ),
            ),
    };
}

export type Harness = Awaited<ReturnType<typeof parserHarness>>;
