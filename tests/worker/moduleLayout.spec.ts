import { MalformedModuleError, readModuleLayout } from '../../worker/src/execute/moduleLayout';
import { committedModule, moduleFromWat } from './modules';

const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

describe('readModuleLayout', () => {
    it('reads the committed prime sieve: one env.memory import of at least 0 pages, one entry', () => {
        expect(readModuleLayout(committedModule('prime-sieve').bytes)).toEqual({
            imports: [{ module: 'env', name: 'memory', kind: 'memory', limits: { minimum: 0, maximum: null, shared: false, is64: false } }],
            definedMemories: [],
            definedTables: [],
            exportedFunctions: ['prime_sieve'],
        });
    });

    it('reads every import kind, defined memories and tables, and keeps only function exports', async () => {
        const { bytes } = await moduleFromWat(
            `(module
              (import "env" "f" (func))
              (import "env" "t" (table 1 funcref))
              (import "env" "memory" (memory 2 300 shared))
              (import "env" "g" (global i32))
              (table 3 7 funcref)
              (func (export "run"))
              (global (export "value") i32 (i32.const 1)))`,
            { threads: true },
        );
        expect(readModuleLayout(bytes)).toEqual({
            imports: [
                { module: 'env', name: 'f', kind: 'function' },
                { module: 'env', name: 't', kind: 'table' },
                { module: 'env', name: 'memory', kind: 'memory', limits: { minimum: 2, maximum: 300, shared: true, is64: false } },
                { module: 'env', name: 'g', kind: 'global' },
            ],
            definedMemories: [],
            definedTables: [{ minimum: 3, maximum: 7, shared: false, is64: false }],
            exportedFunctions: ['run'],
        });
    });

    it.each([
        ['a wrong magic number', [0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00]],
        ['a section running past the end', [...WASM_HEADER, 0x05, 0x10, 0x01]],
        ['a LEB128 size longer than five bytes', [...WASM_HEADER, 0x05, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
        ['a memory section with bytes left over', [...WASM_HEADER, 0x05, 0x04, 0x01, 0x00, 0x01, 0xff]],
        ['an import of unknown kind', [...WASM_HEADER, 0x02, 0x06, 0x01, 0x01, 0x61, 0x01, 0x62, 0x09]],
    ])('refuses %s with MalformedModuleError', (_, bytes) => {
        expect(() => readModuleLayout(Uint8Array.from(bytes))).toThrow(MalformedModuleError);
    });
});
