// A real `ws` client for the hub tests: records every frame and waits for the one a test expects.
import { WebSocket } from 'ws';

export interface Frame {
    type: string;
    [field: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class TestClient {
    readonly frames: Frame[] = [];
    /** Every message arrives as text, as the protocol says; this counts any that came as binary instead. */
    binaryMessages = 0;
    closed?: { code: number; reason: string };
    private waiters: Array<() => void> = [];

    private constructor(readonly socket: WebSocket) {
        socket.on('message', (data, isBinary) => {
            if (isBinary) this.binaryMessages++;
            this.frames.push(JSON.parse(data.toString()));
            this.wake();
        });
        socket.on('close', (code, reason) => {
            this.closed = { code, reason: reason.toString() };
            this.wake();
        });
    }

    /** Connects and waits for the welcome frame; rejects with the HTTP status when the upgrade is refused. */
    static async connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
        const socket = new WebSocket(url, { headers });
        const client = new TestClient(socket);
        await new Promise<void>((resolve, reject) => {
            socket.once('open', () => resolve());
            socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
            socket.once('error', reject);
        });
        await client.next('welcome');
        return client;
    }

    send(frame: unknown): void {
        this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }

    /** The first frame of `type` not yet taken (frames are taken in order). */
    async next(type: string, timeoutMs = 5000): Promise<Frame> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const i = this.frames.findIndex((f) => f.type === type);
            if (i >= 0) return this.frames.splice(i, 1)[0];
            if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting for ${type}`);
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no ${type} frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
            await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, left);
                this.waiters.push(() => {
                    clearTimeout(timer);
                    resolve();
                });
            });
        }
    }

    /** A heartbeat round trip: every frame the server sent before its answer has arrived by then. */
    async sync(): Promise<void> {
        const id = Math.random().toString(36).slice(2);
        this.send({ type: 'heartbeat', request_id: id });
        for (;;) {
            const beat = await this.next('heartbeat');
            if (beat.request_id === id) return;
        }
    }

    offers(): Frame[] {
        return this.frames.filter((f) => f.type === 'offer');
    }

    async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
        const deadline = Date.now() + timeoutMs;
        while (!this.closed) {
            if (Date.now() > deadline) throw new Error('socket still open');
            await new Promise((r) => setTimeout(r, 20));
        }
        return this.closed;
    }

    close(): void {
        this.socket.terminate();
    }

    private wake(): void {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
    }
}
