import { applyMutant, findFunctions, generateAllMutants, generateMutants, maskCommentsAndStrings, Mutant } from './mutants';

const CONTRACT = `
/// Doc comment: throwIf(ERR_X, a > b) must not be mutated, nor a + b.
contract Vault(owner: Address, total: Int as coins) {
    // A comment with a < b && c || d.
    receive(msg: Deposit) {
        throwIf(ERR_STOPPED, msg.amount > MAX);
        throwUnless(ERR_LOW, msg.amount >= 1 && msg.amount <= LIMIT);
        require(sender() == self.owner, "only the owner, and x > y in a string");
        self.total += msg.amount * 2 - FEE / 4;
        let m: map<Int, Int> = emptyMap();
        let v = -1;
        self.check(self.total != 0 ? msg.amount : v!!);
    }

    receive(msg: Poke) {
        while (self.total < 10) {
            self.total -= 1;
        }
    }

    fun check(x: Int) {
        if (x == 0) {
            throw(ERR_ZERO);
        }
    }
}

asm fun kernel(x: Int): Int {
    // ADD in a comment, and 0x10 too
    0x0F0F PUSHINT ADD 452 THROWIF
    s0 s2 XCHG 2 BLKDROP LESS GREATER EQUAL AND
    x{CF50} @addop x{4142} SDBEGINSQ 3 PUSHINT
}
`;

const mutants = generateMutants('contracts/vault.tact', CONTRACT);

function on(line: string): Mutant[] {
    return mutants.filter((m) => m.original === line.trim());
}

function changes(line: string): string[] {
    return on(line).map((m) => m.mutated);
}

describe('mutant generator', () => {
    it('deletes, negates and moves the boundary of a throwIf', () => {
        expect(changes('throwIf(ERR_STOPPED, msg.amount > MAX);')).toEqual([
            '(statement deleted)',
            'throwUnless(ERR_STOPPED, msg.amount > MAX);',
            'throwIf(ERR_STOPPED, msg.amount >= MAX);',
        ]);
    });

    it('negates a throwUnless, shifts both of its comparisons and swaps its &&', () => {
        expect(changes('throwUnless(ERR_LOW, msg.amount >= 1 && msg.amount <= LIMIT);')).toEqual([
            '(statement deleted)',
            'throwIf(ERR_LOW, msg.amount >= 1 && msg.amount <= LIMIT);',
            'throwUnless(ERR_LOW, msg.amount > 1 && msg.amount <= LIMIT);',
            'throwUnless(ERR_LOW, msg.amount >= 1 || msg.amount <= LIMIT);',
            'throwUnless(ERR_LOW, msg.amount >= 1 && msg.amount < LIMIT);',
        ]);
    });

    it('negates a require by its condition and leaves its message alone', () => {
        expect(changes('require(sender() == self.owner, "only the owner, and x > y in a string");')).toEqual([
            '(statement deleted)',
            'require(!(sender() == self.owner), "only the owner, and x > y in a string");',
            'require(sender() != self.owner, "only the owner, and x > y in a string");',
        ]);
    });

    it('swaps binary arithmetic and compound assignment, not a sign', () => {
        expect(changes('self.total += msg.amount * 2 - FEE / 4;')).toEqual([
            'self.total -= msg.amount * 2 - FEE / 4;',
            'self.total += msg.amount / 2 - FEE / 4;',
            'self.total += msg.amount * 2 + FEE / 4;',
            'self.total += msg.amount * 2 - FEE * 4;',
        ]);
        expect(on('let v = -1;')).toEqual([]);
        expect(changes('self.total -= 1;')).toEqual(['self.total += 1;']);
    });

    it('shifts conditions of if, while and ternaries, and reads !! as no comparison', () => {
        expect(changes('if (x == 0) {')).toEqual(['if (x != 0) {']);
        expect(changes('while (self.total < 10) {')).toEqual(['while (self.total <= 10) {']);
        expect(changes('self.check(self.total != 0 ? msg.amount : v!!);')).toEqual(['self.check(self.total == 0 ? msg.amount : v!!);']);
    });

    it('deletes a throw, which has nothing to negate', () => {
        expect(changes('throw(ERR_ZERO);')).toEqual(['(statement deleted)']);
    });

    it('leaves comments, doc comments, strings and map type arguments alone', () => {
        const lines = mutants.map((m) => m.original);
        expect(lines.some((l) => l.startsWith('//') || l.startsWith('///'))).toBe(false);
        expect(on('let m: map<Int, Int> = emptyMap();')).toEqual([]);
        expect(maskCommentsAndStrings('a // b > c\n"d > e" /* f */ g')).toBe('a         \n"     "         g');
    });

    it('swaps assembly instructions for their opposites', () => {
        expect(changes('s0 s2 XCHG 2 BLKDROP LESS GREATER EQUAL AND')).toEqual([
            's0 s2 XCHG 2 BLKDROP LEQ GREATER EQUAL AND',
            's0 s2 XCHG 2 BLKDROP LESS GEQ EQUAL AND',
            's0 s2 XCHG 2 BLKDROP LESS GREATER NEQ AND',
            's0 s2 XCHG 2 BLKDROP LESS GREATER EQUAL OR',
        ]);
    });

    it('moves assembly constants by one, keeping hex widths, and skips stack counts and raw opcodes', () => {
        expect(changes('0x0F0F PUSHINT ADD 452 THROWIF')).toEqual([
            '0x0F10 PUSHINT ADD 452 THROWIF',
            '0x0F0E PUSHINT ADD 452 THROWIF',
            '0x0F0F PUSHINT SUB 452 THROWIF',
            '0x0F0F PUSHINT ADD 453 THROWIF',
            '0x0F0F PUSHINT ADD 451 THROWIF',
            '0x0F0F PUSHINT ADD 452 THROWIFNOT',
        ]);
        expect(changes('x{CF50} @addop x{4142} SDBEGINSQ 3 PUSHINT')).toEqual([
            'x{CF50} @addop x{4143} SDBEGINSQ 3 PUSHINT',
            'x{CF50} @addop x{4141} SDBEGINSQ 3 PUSHINT',
            'x{CF50} @addop x{4142} SDBEGINSQ 4 PUSHINT',
            'x{CF50} @addop x{4142} SDBEGINSQ 2 PUSHINT',
        ]);
    });

    it('gives every mutant a unique id, its function, and an edit that reproduces the mutated line', () => {
        expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
        const m = on('throwIf(ERR_STOPPED, msg.amount > MAX);')[2];
        expect(m.id).toBe('vault.tact:6:41:>=');
        expect(m.fn).toBe('Vault.receive(Deposit)');
        expect(applyMutant(CONTRACT, m).split('\n')[m.line - 1].trim()).toBe(m.mutated);
        expect(findFunctions(CONTRACT).map((f) => f.name)).toEqual([
            'Vault.receive(Deposit)',
            'Vault.receive(Poke)',
            'Vault.check',
            'kernel',
        ]);
    });

    it('puts the money receivers and what they call on the money path, a parser file under parser', () => {
        const escrow = `
contract Escrow() {
    receive(msg: ClaimReward) { pay(msg.amount); }
    receive(msg: SetFee) { throwIf(ERR_FEE, msg.fee > 1); }
    get fun total(): Int { return self.a + self.b; }
}
fun pay(amount: Int) { throwIf(ERR_ZERO, amount == 0); }`;
        const parser = 'fun parse(s: Slice): Int { throwIf(ERR_DIGIT, s.bits() > 8); return 0; }';
        const all = generateAllMutants([
            { file: 'contracts/escrow.tact', text: escrow },
            { file: 'contracts/claim_comment.tact', text: parser },
        ]);
        const categoryOf = (fn: string) => [...new Set(all.filter((m) => m.fn === fn).map((m) => m.category))];
        expect(categoryOf('pay')).toEqual(['money']);
        expect(categoryOf('Escrow.receive(SetFee)')).toEqual(['other']);
        expect(categoryOf('Escrow.total')).toEqual(['other']);
        expect(categoryOf('parse')).toEqual(['parser']);
    });
});
