// The mutant generator: small, deliberate breakages of the checks in a Tact source file. Pure text in, mutants
// out; the runner (run.ts) applies them one at a time to a copy of the repository.
//
// Tact code (receivers, functions, getters, init): each throwIf / throwUnless / require / throw statement deleted,
// each throwIf <-> throwUnless negated, each comparison moved at its boundary (> >=, < <=, == !=), each && <-> ||,
// and each binary + - * / (and += -= *= /=) swapped. Assembly bodies (`asm fun`): the instruction pairs of
// ASM_SWAPS, and every integer, hex constant and x{...} slice constant +1 and -1, except counts that only move
// stack items (ASM_STACK_COUNT_OPS). Comments, doc comments and string literals are never touched.

import { Classifier, classifierFor } from './categories';

export type Operator =
    | 'delete-check'
    | 'negate-check'
    | 'boundary'
    | 'logic'
    | 'arith'
    | 'asm-swap'
    | 'asm-const';

export interface Mutant {
    /** Stable while the line does not move: `file:line:column:operator`. */
    id: string;
    /** Path relative to the repository root, e.g. `contracts/escrow_master.tact`. */
    file: string;
    line: number;
    column: number;
    operator: Operator;
    /** The source line before and after the edit, trimmed. */
    original: string;
    mutated: string;
    /** Enclosing function, qualified by its contract: `EscrowMaster.receive(FundTask)`, `base64Value`. */
    fn: string;
    category: string;
    /** The edit itself: replace text[start, end) with `replacement`. */
    start: number;
    end: number;
    replacement: string;
}

/** TVM instructions that are swapped for their opposite inside assembly. Both directions are listed. */
export const ASM_SWAPS: Record<string, string> = {
    ADD: 'SUB',
    SUB: 'ADD',
    AND: 'OR',
    OR: 'AND',
    LESS: 'LEQ',
    LEQ: 'LESS',
    GREATER: 'GEQ',
    GEQ: 'GREATER',
    EQUAL: 'NEQ',
    NEQ: 'EQUAL',
    EQINT: 'NEQINT',
    NEQINT: 'EQINT',
    INC: 'DEC',
    DEC: 'INC',
    THROWIF: 'THROWIFNOT',
    THROWIFNOT: 'THROWIF',
    THROWANYIF: 'THROWANYIFNOT',
    THROWANYIFNOT: 'THROWANYIF',
    IF: 'IFNOT',
    IFNOT: 'IF',
    IFREF: 'IFNOTREF',
    IFNOTREF: 'IFREF',
};

/** Instructions whose preceding number only counts or indexes stack items: moving it breaks the stack, not a check. */
export const ASM_STACK_COUNT_OPS = new Set([
    's()',
    'BLKDROP',
    'BLKDROP2',
    'BLKSWAP',
    'BLKPUSH',
    'BLKSWX',
    'REVERSE',
    'ROLL',
    'ROLLREV',
    'PICK',
    'ONLYTOPX',
    'ONLYX',
    'DROPX',
    'XCHGX',
    'TUPLE',
    'UNTUPLE',
    'INDEX',
    'SETINDEX',
]);

/** Tact statements that are checks: deleted, and the first two negated by swapping their names. */
const CHECK_NEGATIONS: Record<string, string | undefined> = {
    throwIf: 'throwUnless',
    throwUnless: 'throwIf',
    nativeThrowIf: 'nativeThrowUnless',
    nativeThrowUnless: 'nativeThrowIf',
    require: undefined, // negated by wrapping its condition, below
    throw: undefined,
    nativeThrow: undefined,
};

const COMPARISON_SHIFTS: Record<string, string> = { '>': '>=', '>=': '>', '<': '<=', '<=': '<', '==': '!=', '!=': '==' };
const LOGIC_SWAPS: Record<string, string> = { '&&': '||', '||': '&&', '&&=': '||=', '||=': '&&=' };
const ARITH_SWAPS: Record<string, string> = { '+': '-', '-': '+', '*': '/', '/': '*', '+=': '-=', '-=': '+=', '*=': '/=', '/=': '*=' };

/**
 * The text with every comment and string literal replaced by spaces (newlines kept), so that offsets stay the
 * same and nothing inside them looks like code.
 */
export function maskCommentsAndStrings(text: string): string {
    const out = text.split('');
    let i = 0;
    const blank = (from: number, to: number) => {
        for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
    };
    while (i < text.length) {
        if (text.startsWith('//', i)) {
            const end = text.indexOf('\n', i);
            const stop = end === -1 ? text.length : end;
            blank(i, stop);
            i = stop;
        } else if (text.startsWith('/*', i)) {
            const end = text.indexOf('*/', i + 2);
            const stop = end === -1 ? text.length : end + 2;
            blank(i, stop);
            i = stop;
        } else if (text[i] === '"') {
            let k = i + 1;
            while (k < text.length && text[k] !== '"' && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
            blank(i + 1, Math.min(k, text.length)); // the quotes stay, so `receive("…")` still reads as a text receiver
            i = k + 1;
        } else {
            i++;
        }
    }
    return out.join('');
}

/** Index of the bracket closing the one at `open` (same kind), or -1. */
function matchingClose(masked: string, open: number): number {
    const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
    const o = masked[open];
    const c = pairs[o];
    let depth = 0;
    for (let k = open; k < masked.length; k++) {
        if (masked[k] === o) depth++;
        else if (masked[k] === c && --depth === 0) return k;
    }
    return -1;
}

/** A function, receiver, getter or init, as the generator and the categories see it. */
export interface FunctionInfo {
    /** Qualified by its contract or trait: `EscrowMaster.receive(FundTask)`; free functions by their name. */
    name: string;
    /** `base64Value`, `receive`, `init`: what a call names. */
    bareName: string;
    isAsm: boolean;
    /** Offsets of the body's `{` and `}`. */
    bodyStart: number;
    bodyEnd: number;
    /** Names this function calls (Tact bodies only). */
    calls: string[];
}

interface Block {
    name: string;
    start: number;
    end: number;
}

/** Every function, receiver, getter and init with a body, in source order. */
export function findFunctions(text: string): FunctionInfo[] {
    const masked = maskCommentsAndStrings(text);
    const containers: Block[] = [];
    for (const m of masked.matchAll(/\b(?:contract|trait)\s+(\w+)/g)) {
        const open = masked.indexOf('{', m.index!);
        const close = open === -1 ? -1 : matchingClose(masked, open);
        if (close !== -1) containers.push({ name: m[1], start: open, end: close });
    }
    const headers = new RegExp(
        String.raw`\b(asm\b\s*(?:\([^)]*\))?\s*)?(?:(?:inline|extends|mutates|virtual|override|abstract|get)\s+)*fun\s+(\w+)\s*\(` +
            String.raw`|\b(receive|bounced|external|init)\s*\(`,
        'g',
    );
    const found: FunctionInfo[] = [];
    for (const m of masked.matchAll(headers)) {
        const at = m.index!;
        if (found.some((f) => at > f.bodyStart && at < f.bodyEnd)) continue;
        const paramsOpen = at + m[0].length - 1;
        const paramsClose = matchingClose(masked, paramsOpen);
        if (paramsClose === -1) continue;
        // The body starts at the first `{` after the parameters, unless a `;` ends a bodiless declaration first.
        let k = paramsClose + 1;
        while (k < masked.length && masked[k] !== '{' && masked[k] !== ';') k++;
        if (masked[k] !== '{') continue;
        const bodyEnd = matchingClose(masked, k);
        if (bodyEnd === -1) continue;
        const container = containers.find((c) => at > c.start && at < c.end);
        let name: string;
        if (m[2] !== undefined) {
            name = m[2];
        } else {
            const params = text.slice(paramsOpen + 1, paramsClose).trim();
            const type = params.includes(':') ? params.slice(params.indexOf(':') + 1).trim() : params;
            name = `${m[3]}(${type.replace(/^bounced<(.*)>$/, '$1')})`;
        }
        found.push({
            name: container ? `${container.name}.${name}` : name,
            bareName: m[2] ?? m[3],
            isAsm: m[1] !== undefined,
            bodyStart: k,
            bodyEnd,
            calls: [],
        });
    }
    for (const f of found) {
        const body = masked.slice(f.bodyStart + 1, f.bodyEnd);
        f.calls = f.isAsm ? [] : [...new Set([...body.matchAll(/\b(\w+)\s*\(/g)].map((c) => c[1]))];
    }
    return found;
}

interface Token {
    text: string;
    start: number;
}

/** Multi-character operators, longest first, so that `>=` is never read as `>` and `!!` never as `!=`. */
const TACT_OPERATORS = [
    ...['&&=', '||=', '>>=', '<<='],
    ...['==', '!=', '>=', '<=', '&&', '||', '!!', '+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=', '>>', '<<'],
];
const TACT_WORD = /^[A-Za-z_][A-Za-z0-9_]*|^0[xX][0-9a-fA-F_]+|^0[bB][01_]+|^0[oO][0-7_]+|^[0-9][0-9_]*/;

/** Tokens of a Tact body (masked text); the type arguments of map<…> and bounced<…> are skipped. */
function tactTokens(masked: string, from: number, to: number): Token[] {
    const tokens: Token[] = [];
    let i = from;
    while (i < to) {
        const ch = masked[i];
        if (/\s/.test(ch)) {
            i++;
            continue;
        }
        const word = TACT_WORD.exec(masked.slice(i, Math.min(to, i + 200)));
        if (word) {
            tokens.push({ text: word[0], start: i });
            i += word[0].length;
            if ((word[0] === 'map' || word[0] === 'bounced') && /^\s*</.test(masked.slice(i, i + 20))) {
                let depth = 0;
                for (; i < to; i++) {
                    if (masked[i] === '<') depth++;
                    else if (masked[i] === '>' && --depth === 0) {
                        i++;
                        break;
                    }
                }
            }
            continue;
        }
        const op = TACT_OPERATORS.find((o) => masked.startsWith(o, i)) ?? ch;
        tokens.push({ text: op, start: i });
        i += op.length;
    }
    return tokens;
}

/** A token after which `+`, `-`, `*`, `/` are binary operators rather than a sign. */
function endsOperand(t: Token | undefined): boolean {
    return t !== undefined && (/^[A-Za-z0-9_]/.test(t.text) || t.text === ')' || t.text === ']' || t.text === '!!');
}

interface Edit {
    start: number;
    end: number;
    replacement: string;
    operator: Operator;
    tag: string;
}

function tactEdits(text: string, masked: string, f: FunctionInfo): Edit[] {
    const edits: Edit[] = [];
    const tokens = tactTokens(masked, f.bodyStart + 1, f.bodyEnd);
    tokens.forEach((t, n) => {
        const prev = tokens[n - 1];
        const next = tokens[n + 1];
        if (t.text in CHECK_NEGATIONS && next?.text === '(' && (prev === undefined || [';', '{', '}'].includes(prev.text))) {
            const close = matchingClose(masked, next.start);
            if (close === -1) return;
            let semi = close + 1;
            while (/\s/.test(masked[semi] ?? '')) semi++;
            if (masked[semi] !== ';') return;
            edits.push({ start: t.start, end: semi + 1, replacement: '', operator: 'delete-check', tag: 'delete' });
            const negation = CHECK_NEGATIONS[t.text];
            if (negation !== undefined) {
                edits.push(swap(t, negation, 'negate-check'));
            } else if (t.text === 'require') {
                const comma = topLevelComma(masked, next.start + 1, close);
                if (comma !== -1) {
                    const cond = text.slice(next.start + 1, comma).trim();
                    edits.push({ start: next.start + 1, end: comma, replacement: `!(${cond})`, operator: 'negate-check', tag: 'not' });
                }
            }
            return;
        }
        if (t.text in COMPARISON_SHIFTS) {
            edits.push(swap(t, COMPARISON_SHIFTS[t.text], 'boundary'));
        } else if (t.text in LOGIC_SWAPS) {
            edits.push(swap(t, LOGIC_SWAPS[t.text], 'logic'));
        } else if (t.text in ARITH_SWAPS && (t.text.endsWith('=') || endsOperand(prev))) {
            edits.push(swap(t, ARITH_SWAPS[t.text], 'arith'));
        }
    });
    return edits;
}

function swap(t: Token, replacement: string, operator: Operator): Edit {
    return { start: t.start, end: t.start + t.text.length, replacement, operator, tag: replacement };
}

function topLevelComma(masked: string, from: number, to: number): number {
    let depth = 0;
    for (let k = from; k < to; k++) {
        const c = masked[k];
        if (c === '(' || c === '{' || c === '[') depth++;
        else if (c === ')' || c === '}' || c === ']') depth--;
        else if (c === ',' && depth === 0) return k;
    }
    return -1;
}

/** `value` ± 1 written like `literal`: same base, and the same number of hex digits where it still fits. */
function shiftLiteral(literal: string, delta: number): string | undefined {
    const hex = /^(-?)0x([0-9a-fA-F]+)$/.exec(literal);
    if (hex) {
        const v = BigInt(`${hex[1]}0x${hex[2]}`) * (hex[1] ? -1n : 1n) + BigInt(delta);
        const digits = (v < 0n ? -v : v).toString(16).padStart(hex[2].length, '0');
        const cased = hex[2] === hex[2].toLowerCase() ? digits : digits.toUpperCase();
        return `${v < 0n ? '-' : ''}0x${cased}`;
    }
    const slice = /^x\{([0-9a-fA-F]+)\}$/.exec(literal);
    if (slice) {
        const v = BigInt(`0x${slice[1]}`) + BigInt(delta);
        const digits = v.toString(16);
        if (v < 0n || digits.length > slice[1].length) return undefined;
        const padded = digits.padStart(slice[1].length, '0');
        return `x{${slice[1] === slice[1].toLowerCase() ? padded : padded.toUpperCase()}}`;
    }
    if (/^-?\d+$/.test(literal)) return (BigInt(literal) + BigInt(delta)).toString();
    return undefined;
}

function asmEdits(masked: string, f: FunctionInfo): Edit[] {
    const edits: Edit[] = [];
    const tokens: Token[] = [];
    for (const m of masked.slice(f.bodyStart + 1, f.bodyEnd).matchAll(/\S+/g)) {
        tokens.push({ text: m[0], start: f.bodyStart + 1 + m.index! });
    }
    tokens.forEach((t, n) => {
        const next = tokens[n + 1]?.text;
        if (t.text in ASM_SWAPS) {
            edits.push(swap(t, ASM_SWAPS[t.text], 'asm-swap'));
            return;
        }
        const isNumber = /^-?\d+$|^-?0x[0-9a-fA-F]+$/.test(t.text);
        const isSliceConst = /^x\{[0-9a-fA-F]+\}$/.test(t.text) && next !== '@addop';
        if (!(isNumber || isSliceConst) || (isNumber && next !== undefined && ASM_STACK_COUNT_OPS.has(next))) return;
        for (const delta of [1, -1]) {
            const shifted = shiftLiteral(t.text, delta);
            if (shifted !== undefined) {
                const tag = delta > 0 ? '+1' : '-1';
                edits.push({ start: t.start, end: t.start + t.text.length, replacement: shifted, operator: 'asm-const', tag });
            }
        }
    });
    return edits;
}

function lineAt(text: string, offset: number): { line: number; column: number; lineStart: number; lineEnd: number } {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset);
    const line = text.slice(0, offset).split('\n').length;
    return { line, column: offset - lineStart + 1, lineStart, lineEnd: nl === -1 ? text.length : nl };
}

export interface Source {
    /** Path relative to the repository root, used in ids and categories. */
    file: string;
    text: string;
}

/** Every mutant of every source, each categorized with the call graph of all of them. */
export function generateAllMutants(sources: Source[]): Mutant[] {
    const parsed = sources.map((s) => ({ ...s, functions: findFunctions(s.text) }));
    const classify = classifierFor(parsed);
    return parsed.flatMap((s) => generateMutants(s.file, s.text, classify, s.functions));
}

/** Every mutant of one file. */
export function generateMutants(
    file: string,
    text: string,
    classify: Classifier = () => 'other',
    functions = findFunctions(text),
): Mutant[] {
    const masked = maskCommentsAndStrings(text);
    const mutants: Mutant[] = [];
    for (const f of functions) {
        const edits = f.isAsm ? asmEdits(masked, f) : tactEdits(text, masked, f);
        for (const e of edits) {
            const at = lineAt(text, e.start);
            const endLine = lineAt(text, e.end);
            const original = text.slice(at.lineStart, endLine.lineEnd);
            const mutated = text.slice(at.lineStart, e.start) + e.replacement + text.slice(e.end, endLine.lineEnd);
            mutants.push({
                id: `${file.replace(/^contracts\//, '')}:${at.line}:${at.column}:${e.tag}`,
                file,
                line: at.line,
                column: at.column,
                operator: e.operator,
                original: squash(original),
                mutated: squash(mutated) || '(statement deleted)',
                fn: f.name,
                category: classify(file, f),
                start: e.start,
                end: e.end,
                replacement: e.replacement,
            });
        }
    }
    return mutants;
}

/** A source line for a table: trimmed, inner runs of spaces collapsed, long hex constants shortened. */
function squash(line: string): string {
    return line
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/0x([0-9a-fA-F]{4})[0-9a-fA-F]{12,}([0-9a-fA-F]{4})/g, '0x$1…$2');
}

/** The file's text with the mutant applied. */
export function applyMutant(text: string, m: Mutant): string {
    return text.slice(0, m.start) + m.replacement + text.slice(m.end);
}
