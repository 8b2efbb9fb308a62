// Polls for a condition the code under test reaches asynchronously; fails with what was awaited, not a bare timeout.
const POLL_MS = 25;

export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
}

/** Resolves after `ms`: for checks that something did *not* happen within a window. */
export function elapse(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
