// Who runs the background work (chain watcher, outbox relay, sweeper) when several nodes share one database: only
// the node that leads. Work that must not run twice at once checks `leading` before each round.

export interface Leadership {
    /** Whether this node may run the background work now; can turn false at any moment (a lost connection). */
    readonly leading: boolean;
    /** Gives up leadership, if held, and stops trying. */
    stop(): Promise<void>;
}

/** SQLite: one node owns its database file, so it always leads. */
export const alwaysLeading: Leadership = {
    leading: true,
    stop: async () => undefined,
};
