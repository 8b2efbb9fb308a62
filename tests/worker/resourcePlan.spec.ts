import { ModuleLayout } from '../../worker/src/execute/moduleLayout';
import { planResources, WASM_PAGE_BYTES } from '../../worker/src/execute/resourcePlan';

function importingMemory(minimum: number, maximum: number | null, flags: { shared?: boolean; is64?: boolean } = {}): ModuleLayout {
    const limits = { minimum, maximum, shared: flags.shared ?? false, is64: flags.is64 ?? false };
    return { imports: [{ module: 'env', name: 'memory', kind: 'memory', limits }], definedMemories: [], definedTables: [], exportedFunctions: [] };
}

describe('planResources', () => {
    it('a module with no imports gets no memory', () => {
        const layout: ModuleLayout = { imports: [], definedMemories: [], definedTables: [], exportedFunctions: ['hash_chain'] };
        expect(planResources(layout, 0)).toEqual({ ok: true, memory: null });
    });

    it('env.memory starts at the declared minimum and may grow to the cap', () => {
        expect(planResources(importingMemory(2, null), 10 * WASM_PAGE_BYTES)).toEqual({ ok: true, memory: { initialPages: 2, maximumPages: 10 } });
    });

    it('a declared maximum below the cap is kept, one above it is lowered to the cap', () => {
        expect(planResources(importingMemory(2, 4), 10 * WASM_PAGE_BYTES)).toMatchObject({ memory: { maximumPages: 4 } });
        expect(planResources(importingMemory(2, 65_536), 10 * WASM_PAGE_BYTES)).toMatchObject({ memory: { maximumPages: 10 } });
    });

    it('a minimum of exactly the cap fits; one page more does not', () => {
        expect(planResources(importingMemory(10, null), 10 * WASM_PAGE_BYTES)).toMatchObject({ ok: true });
        expect(planResources(importingMemory(11, null), 10 * WASM_PAGE_BYTES)).toMatchObject({ ok: false, reason: 'memory_limit' });
    });

    it('a shared or 64-bit memory is refused as bad_abi', () => {
        expect(planResources(importingMemory(1, 2, { shared: true }), 10 * WASM_PAGE_BYTES)).toMatchObject({ ok: false, reason: 'bad_abi' });
        expect(planResources(importingMemory(1, 2, { is64: true }), 10 * WASM_PAGE_BYTES)).toMatchObject({ ok: false, reason: 'bad_abi' });
    });

    it('a table with a maximum over 65 536 elements is refused; one at 65 536 is allowed', () => {
        const withTable = (maximum: number): ModuleLayout => ({
            imports: [],
            definedMemories: [],
            definedTables: [{ minimum: 0, maximum, shared: false, is64: false }],
            exportedFunctions: [],
        });
        expect(planResources(withTable(65_536), 0)).toEqual({ ok: true, memory: null });
        expect(planResources(withTable(65_537), 0)).toMatchObject({ ok: false, reason: 'memory_limit' });
    });
});
