// What the host lets a module hold, decided from its layout before any of its code runs.
//
// Memory: at most one, `env.memory`, created by the host with a maximum no larger than the cap. The engine
// refuses `memory.grow` past a memory's maximum (it returns -1), so a module never holds more than the cap,
// however it grows. A module that defined its own memory would pick its own maximum, or none, so that is not
// allowed; nor is any other import, so a module reaches nothing outside itself and its result depends on its
// input alone.
//
// Tables: each must declare a maximum of at most MAX_TABLE_ELEMENTS. Table elements live on the thread's
// JavaScript heap, and growing a table past that heap's limit aborts the whole process rather than only the
// thread (measured on Node 20), so the heap limit cannot be the backstop here.
import { ModuleLayout } from './moduleLayout';

export const WASM_PAGE_BYTES = 65_536;
/** A few MiB of the sandbox thread's heap at most; compilers size their tables to the functions they hold. */
export const MAX_TABLE_ELEMENTS = 65_536;

/** The memory the host creates for the module, in 64 KiB pages. */
export interface HostMemory {
    initialPages: number;
    maximumPages: number;
}

export type ResourcePlan =
    | { ok: true; memory: HostMemory | null }
    | { ok: false; reason: 'bad_abi' | 'memory_limit'; message: string };

export function planResources(layout: ModuleLayout, memoryCapBytes: number): ResourcePlan {
    if (layout.definedMemories.length > 0) {
        return refuse('bad_abi', 'the module defines its own memory; it must import env.memory so the host sets its maximum');
    }
    const stranger = layout.imports.find((entry) => entry.kind !== 'memory' || entry.module !== 'env' || entry.name !== 'memory');
    if (stranger) {
        return refuse('bad_abi', `the module imports ${stranger.module}.${stranger.name} (${stranger.kind}); the host provides only env.memory`);
    }
    if (layout.imports.length > 1) {
        return refuse('bad_abi', 'the module imports env.memory more than once');
    }
    const unboundedTable = layout.definedTables.find((table) => table.maximum === null || table.maximum > MAX_TABLE_ELEMENTS);
    if (unboundedTable) {
        return refuse(
            'memory_limit',
            `every table must declare a maximum of at most ${MAX_TABLE_ELEMENTS} elements; one declares ${unboundedTable.maximum ?? 'none'}`,
        );
    }
    const limits = layout.imports[0]?.limits;
    if (!limits) {
        return { ok: true, memory: null };
    }
    if (limits.shared || limits.is64) {
        return refuse('bad_abi', 'env.memory must be an unshared 32-bit memory');
    }
    const capPages = Math.floor(memoryCapBytes / WASM_PAGE_BYTES);
    if (limits.minimum > capPages) {
        return refuse(
            'memory_limit',
            `the module needs at least ${limits.minimum} pages of memory; the cap is ${capPages} pages (${memoryCapBytes} bytes)`,
        );
    }
    // A memory with a larger maximum than the import declares would not link.
    const maximumPages = Math.min(limits.maximum ?? capPages, capPages);
    return { ok: true, memory: { initialPages: limits.minimum, maximumPages } };
}

function refuse(reason: 'bad_abi' | 'memory_limit', message: string): ResourcePlan {
    return { ok: false, reason, message };
}
