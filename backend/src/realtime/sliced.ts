// Work over many items in slices, yielding to the event loop between them, so one broadcast to ten thousand
// sockets never holds the loop for more than a slice.

/** Longest a slice runs before yielding, in milliseconds. */
export const DEFAULT_SLICE_MS = 4;

/** Calls `each` on every item, yielding (setImmediate) whenever a slice has run `sliceMs`. */
export async function forEachSliced<T>(items: Iterable<T>, each: (item: T) => void, sliceMs = DEFAULT_SLICE_MS): Promise<void> {
    let sliceStart = performance.now();
    let sinceCheck = 0;
    for (const item of items) {
        each(item);
        // Reading the clock costs too; check it every few items.
        if (++sinceCheck >= 16) {
            sinceCheck = 0;
            if (performance.now() - sliceStart >= sliceMs) {
                await new Promise<void>((resolve) => setImmediate(resolve));
                sliceStart = performance.now();
            }
        }
    }
}
