// When this node's chain watch last finished a round, as its `chainWatched` events say. The operator's stats and
// /metrics both report how long ago that was, from this one record.
import { ServiceEvents } from '../service/context';

/** Starts following the rounds; the function answers the last one's time in ms, or null before the first. */
export function followChainWatch(events: ServiceEvents): () => number | null {
    let lastRoundAtMs: number | null = null;
    events.on('chainWatched', (atMs) => (lastRoundAtMs = atMs));
    return () => lastRoundAtMs;
}
