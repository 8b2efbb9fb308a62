// Task modules by sha256, downloaded once and kept. The bytes are not trusted here: executeModule checks their
// hash before running them, and the runner forgets a module whose bytes did not match.

export const DEFAULT_MODULES_KEPT = 32;

export class ModuleCache {
    // Map order is insertion order: re-inserting on use keeps the least recently used module first.
    private readonly modules = new Map<string, Promise<Uint8Array>>();

    constructor(
        private readonly download: (sha256: string) => Promise<Uint8Array>,
        private readonly maxModules: number = DEFAULT_MODULES_KEPT,
    ) {}

    /** The module's bytes; concurrent callers share one download, and a failed download is not kept. */
    get(sha256: string): Promise<Uint8Array> {
        const key = sha256.toLowerCase();
        let bytes = this.modules.get(key);
        if (bytes) {
            this.modules.delete(key);
        } else {
            const download = this.download(key);
            download.catch(() => {
                if (this.modules.get(key) === download) this.modules.delete(key);
            });
            bytes = download;
        }
        this.modules.set(key, bytes);
        while (this.modules.size > this.maxModules) this.modules.delete(this.modules.keys().next().value!);
        return bytes;
    }

    forget(sha256: string): void {
        this.modules.delete(sha256.toLowerCase());
    }
}
