// The devnet changes its chain one message at a time. A sandbox Blockchain has a single message queue that every
// send drains: two sends in flight together would each run the other's messages, and an external message the
// wallet refuses would fail whichever request happened to be draining the queue.
import { Blockchain } from '@ton/sandbox';

const lastTurns = new WeakMap<Blockchain, Promise<unknown>>();

/** Runs `change` once every change begun earlier on `blockchain` has finished, and before any begun later. */
export function inTurn<T>(blockchain: Blockchain, change: () => Promise<T>): Promise<T> {
    const previous = lastTurns.get(blockchain) ?? Promise.resolve();
    const turn = previous.then(change);
    // The next change waits for this one to end, however it ends.
    lastTurns.set(
        blockchain,
        turn.catch(() => undefined),
    );
    return turn;
}
