// Node has WebAssembly built in, but the project's TypeScript libs (ES2022, no DOM) do not declare it. These are
// the parts the executor and its sandbox thread use.

export interface WasmMemory {
    readonly buffer: ArrayBuffer;
}

export interface WasmInstance {
    readonly exports: Record<string, unknown>;
}

export type WasmModule = object;

export interface WebAssemblyApi {
    validate(bytes: Uint8Array): boolean;
    Module: new (bytes: Uint8Array) => WasmModule;
    Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
    Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
    LinkError: ErrorConstructor;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
