// The bench's handle on its device-client child process (realtimeClients.ts): requests one at a time, the
// arrivals it reports on its own routed to whoever waits for that task, and its clock related to this one.
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { epochMs } from '../load/epochClock';
import { ClientDevice, FromClients, OfferTally, ToClients } from './realtimeProtocol';

/** Clock readings taken to find the offset; the one with the shortest round trip wins. */
const CLOCK_SAMPLES = 50;
/** How long the child may take to close its sockets and exit before it is killed. */
const EXIT_WITHIN_MS = 5_000;

/** An offer's arrival at the devices, in this process's clock. */
export interface OfferArrival {
    firstEpochMs: number;
    lastEpochMs: number;
    /** CPU the child spent between its first and last arrival. */
    clientCpuMs: number;
}

export interface ClockOffset {
    /** Child clock minus this one. */
    offsetMs: number;
    /** Round trip of the reading it comes from: the offset is known to within half of it. */
    roundTripMs: number;
}

export class DeviceClientPool {
    private offsetMs = 0;
    private readonly arrivalWaiters = new Map<string, (arrival: OfferArrival) => void>();
    private pending?: { resolve: (answer: FromClients) => void; reject: (err: Error) => void };

    private constructor(private readonly child: ChildProcess) {
        child.on('message', (message: FromClients) => this.route(message));
        child.on('exit', (code) => this.pending?.reject(new Error(`the device clients exited (code ${code})`)));
    }

    static start(): DeviceClientPool {
        const child = fork(join(__dirname, 'realtimeClients.ts'), [], {
            cwd: join(__dirname, '..', '..'),
            // Only ts-node for the child: a flag given to the bench (a profiler, say) must not apply to the clients.
            execArgv: ['-r', 'ts-node/register/transpile-only'],
            stdio: 'inherit',
        });
        return new DeviceClientPool(child);
    }

    /** Connects `devices` (after those already connected); resolves with how many sockets are open in all. */
    async connect(url: string, devices: ClientDevice[]): Promise<{ open: number; seconds: number }> {
        const answer = await this.exchange({ kind: 'connect', url, devices });
        if (answer.kind !== 'connected') throw new Error(`the device clients answered ${answer.kind} to connect`);
        return answer;
    }

    /**
     * Measures the offset between the child's clock and this one (NTP's way: a reading taken mid round trip) and
     * applies it to every arrival from now on.
     */
    async syncClocks(): Promise<ClockOffset> {
        let best: ClockOffset = { offsetMs: 0, roundTripMs: Infinity };
        for (let i = 0; i < CLOCK_SAMPLES; i++) {
            const sentAt = epochMs();
            const answer = await this.exchange({ kind: 'clock' });
            const receivedAt = epochMs();
            if (answer.kind !== 'clock') throw new Error(`the device clients answered ${answer.kind} to clock`);
            const roundTripMs = receivedAt - sentAt;
            if (roundTripMs < best.roundTripMs) best = { offsetMs: answer.epochMs - (sentAt + receivedAt) / 2, roundTripMs };
        }
        this.offsetMs = best.offsetMs;
        return best;
    }

    /** Resolves when the last eligible device has `taskId`'s offer, or with undefined after `timeoutMs`. */
    arrivalOf(taskId: string, timeoutMs: number): Promise<OfferArrival | undefined> {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.arrivalWaiters.delete(taskId);
                resolve(undefined);
            }, timeoutMs);
            this.arrivalWaiters.set(taskId, (arrival) => {
                clearTimeout(timer);
                this.arrivalWaiters.delete(taskId);
                resolve(arrival);
            });
        });
    }

    async tally(taskIds: string[]): Promise<{ offers: OfferTally[]; unreadableOffers: number; closedSockets: number }> {
        const answer = await this.exchange({ kind: 'tally', taskIds });
        if (answer.kind !== 'tally') throw new Error(`the device clients answered ${answer.kind} to tally`);
        return answer;
    }

    /** Closes every socket and ends the child. */
    async stop(): Promise<void> {
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        if (this.child.connected) this.child.disconnect();
        const killer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_WITHIN_MS);
        await exited;
        clearTimeout(killer);
    }

    private route(message: FromClients): void {
        if (message.kind === 'arrived') {
            this.arrivalWaiters.get(message.taskId)?.({
                firstEpochMs: message.firstEpochMs - this.offsetMs,
                lastEpochMs: message.lastEpochMs - this.offsetMs,
                clientCpuMs: message.cpuMs,
            });
            return;
        }
        const pending = this.pending;
        this.pending = undefined;
        if (!pending) return;
        if (message.kind === 'error') pending.reject(new Error(`the device clients failed: ${message.error}`));
        else pending.resolve(message);
    }

    private exchange(message: ToClients): Promise<FromClients> {
        if (this.pending) throw new Error('one request to the device clients at a time');
        return new Promise((resolve, reject) => {
            this.pending = { resolve, reject };
            this.child.send(message);
        });
    }
}
