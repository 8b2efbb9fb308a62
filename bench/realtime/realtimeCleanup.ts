// What the realtime bench started, closed last first however the run ends. A close that fails or hangs is reported
// and the next one still runs, so redis-server and the clients' process never outlive the bench.

/** Longest one resource may take to close before it is reported and the next one is closed. */
const CLOSE_WITHIN_MS = 15_000;

export class Cleanup {
    private readonly closers: Array<{ what: string; close: () => Promise<void> | void }> = [];
    /** Whether a close failed or timed out. */
    failed = false;

    add(what: string, close: () => Promise<void> | void): void {
        this.closers.push({ what, close });
    }

    async closeAll(): Promise<void> {
        for (const { what, close } of this.closers.splice(0).reverse()) await this.closeWithin(what, close);
    }

    private async closeWithin(what: string, close: () => Promise<void> | void): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
                console.error(`${what} did not close within ${CLOSE_WITHIN_MS} ms`);
                this.failed = true;
                resolve();
            }, CLOSE_WITHIN_MS);
        });
        const closing = Promise.resolve()
            .then(close)
            .catch((err: unknown) => {
                console.error(`closing ${what} failed:`, err);
                this.failed = true;
            });
        await Promise.race([closing, late]);
        clearTimeout(timer);
    }
}
