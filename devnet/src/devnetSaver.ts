// Keeps the devnet's file up to date after every change, so the chain survives a crash (SIGKILL, power loss)
// as the SQLite store does, not only a clean shutdown. Saves are coalesced: one runs at a time, and the changes
// made while it runs share the next one, so a burst of sends costs a few saves, not one each.
import { Blockchain } from '@ton/sandbox';
import { saveDevnet } from './devnetState';

export interface DevnetSaver {
    /** Resolves once a save begun after this call has finished: the change just made is on disk. */
    afterChange(): Promise<void>;
}

/** `save` is saveDevnet; tests pass their own to watch the saves happen. */
export function devnetSaver(blockchain: Blockchain, file: string, save = saveDevnet): DevnetSaver {
    // A save not started yet: every change made before it starts is in it.
    let queued: Promise<void> | null = null;
    // The latest save, queued or running; the next one starts after it, however it ends.
    let latest: Promise<void> = Promise.resolve();
    return {
        afterChange() {
            if (queued) return queued;
            const next = latest.then(() => {
                queued = null;
                return save(blockchain, file);
            });
            queued = next;
            latest = next.catch(() => undefined);
            return next;
        },
    };
}
