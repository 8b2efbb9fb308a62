// Starts the Web Worker of moduleWorker.ts; Vite bundles it from this `new URL(…, import.meta.url)` form.
import type { ModuleWorker } from './browserModuleHost';

export function spawnModuleWorker(): ModuleWorker {
    // The DOM's handler types name full events; the host reads only `data` and `message` from them.
    return new Worker(new URL('./moduleWorker.ts', import.meta.url), { type: 'module', name: 'gstd-module' }) as unknown as ModuleWorker;
}
