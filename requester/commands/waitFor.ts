// Polling the service until something it shows comes true, with a limit, for the commands that wait on the chain.
import { sleep } from '../../client/sleep';

export const POLL_MS = 2_000;

export async function waitFor<T>(read: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
    const giveUpAt = Date.now() + timeoutMs;
    for (;;) {
        const value = await read();
        if (value !== null) return value;
        if (Date.now() > giveUpAt) throw new Error(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
        await sleep(POLL_MS);
    }
}
