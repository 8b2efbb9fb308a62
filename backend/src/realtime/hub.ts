// The hub: one live WebSocket per device, each with what offers are filtered by (capabilities, wallet and the
// device's current trust score, kept current by trust events as they happen).
import { WebSocket } from 'ws';
import { CLOSE_REPLACED, CLOSE_SESSION_EXPIRED, ServerFrame, TrustView } from '../../../protocol';
import { isInAudience } from './audience';
import { forEachSliced } from './sliced';

export interface HubOptions {
    /** Server ping period; a socket that has not answered the previous ping by the next is terminated. */
    pingIntervalMs: number;
    /** A socket whose unsent data exceeds this has stopped reading: it is dropped, so memory stays bounded. */
    maxBufferedBytes: number;
}

export interface DeviceConnection {
    deviceId: string;
    wallet: string;
    capabilities: ReadonlySet<string>;
    trustScore: number;
    /** Whether the wallet's accuracy record is established (see domain/sybil.ts): if not, spot checks are mixed in. */
    established: boolean;
    socket: WebSocket;
    alive: boolean;
}

/** What an offer goes out for: the task's operation and minimum trust, and who may not take it. */
export interface OfferAudience {
    operation: string;
    minTrustScore: number;
    excludedDevices: ReadonlySet<string>;
    excludedWallets: ReadonlySet<string>;
    /** A spot check exists only for the wallet it was issued to (raw address); null for a real task. */
    onlyWallet: string | null;
}

export class DeviceHub {
    private readonly connections = new Map<string, DeviceConnection>();
    private heartbeat?: NodeJS.Timeout;
    readonly stats = { droppedSlowReaders: 0, terminatedSilent: 0, replaced: 0, sessionsExpired: 0, offersSent: 0 };

    constructor(private readonly options: HubOptions) {}

    get size(): number {
        return this.connections.size;
    }

    /** Registers a device's socket; an older socket of the same device is closed. */
    attach(connection: DeviceConnection): void {
        const previous = this.connections.get(connection.deviceId);
        this.connections.set(connection.deviceId, connection);
        if (previous && previous.socket !== connection.socket) {
            this.stats.replaced++;
            previous.socket.close(CLOSE_REPLACED, 'replaced by a newer connection of this device');
        }
        connection.socket.on('pong', () => (connection.alive = true));
    }

    /** Forgets the socket, if it is still the device's current one. Returns whether it was. */
    detach(connection: DeviceConnection): boolean {
        if (this.connections.get(connection.deviceId) !== connection) return false;
        this.connections.delete(connection.deviceId);
        return true;
    }

    /**
     * The socket's session token expired: it gets no more offers and is closed with CLOSE_SESSION_EXPIRED. Like a
     * replaced socket, it costs its device no disconnect: the client is expected to log in again and reconnect.
     */
    sessionExpired(connection: DeviceConnection): void {
        this.detach(connection);
        this.stats.sessionsExpired++;
        connection.socket.close(CLOSE_SESSION_EXPIRED, 'the session expired; log in again and reconnect');
    }

    connectionOf(deviceId: string): DeviceConnection | undefined {
        return this.connections.get(deviceId);
    }

    /** Sends one frame, dropping the socket if it has stopped reading. Returns whether the frame went out. */
    send(connection: DeviceConnection, frame: ServerFrame | string): boolean {
        const socket = connection.socket;
        if (socket.readyState !== WebSocket.OPEN) return false;
        if (socket.bufferedAmount > this.options.maxBufferedBytes) {
            this.dropSlowReader(connection);
            return false;
        }
        socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
        return true;
    }

    /** Sends `frame` to the device if it is connected here. Returns whether it went out. */
    sendToDevice(deviceId: string, frame: ServerFrame): boolean {
        const connection = this.connections.get(deviceId);
        return connection !== undefined && this.send(connection, frame);
    }

    /** The ids of `wallet`'s devices (raw address) connected here. */
    devicesOfWallet(wallet: string): string[] {
        return [...this.connections.values()].filter((c) => c.wallet === wallet).map((c) => c.deviceId);
    }

    /** Sends `frame` to every device of `wallet` (raw address) connected here. Returns how many it went to. */
    sendToWallet(wallet: string, frame: ServerFrame): number {
        let sent = 0;
        for (const c of this.connections.values()) {
            if (c.wallet === wallet && this.send(c, frame)) sent++;
        }
        return sent;
    }

    /** A device's trust changed: offers are filtered by the new score from now on, and the device is told. */
    trustChanged(deviceId: string, score: number, trustView: TrustView): void {
        const connection = this.connections.get(deviceId);
        if (!connection) return;
        connection.trustScore = score;
        this.send(connection, { type: 'trust', trust: trustView });
    }

    /**
     * Sends the offer frame to every connected device in the audience, in time slices, telling `onSent` of each.
     * Resolves with how many devices it went to.
     */
    async offer(frame: ServerFrame, audience: OfferAudience, onSent?: (c: DeviceConnection) => void): Promise<number> {
        const text = JSON.stringify(frame);
        let sent = 0;
        // A snapshot: devices connecting during the fan-out get this offer by replay.
        await forEachSliced([...this.connections.values()], (c) => {
            if (isInAudience(c, audience) && this.send(c, text)) {
                sent++;
                onSent?.(c);
            }
        });
        this.stats.offersSent += sent;
        return sent;
    }

    /** Starts the server-side ping: every interval, terminate sockets that did not answer the last ping, ping the rest. */
    startHeartbeat(): void {
        this.heartbeat = setInterval(() => void this.pingAll(), this.options.pingIntervalMs);
        this.heartbeat.unref();
    }

    async pingAll(): Promise<void> {
        await forEachSliced([...this.connections.values()], (c) => {
            if (!c.alive) {
                this.stats.terminatedSilent++;
                this.detach(c);
                c.socket.terminate();
                return;
            }
            c.alive = false;
            if (c.socket.readyState === WebSocket.OPEN) c.socket.ping();
        });
    }

    /** Stops the heartbeat and closes every socket (server shutdown). */
    close(): void {
        if (this.heartbeat) clearInterval(this.heartbeat);
        for (const c of this.connections.values()) c.socket.close(1001, 'server shutting down');
        this.connections.clear();
    }

    private dropSlowReader(connection: DeviceConnection): void {
        this.stats.droppedSlowReaders++;
        this.detach(connection);
        // terminate, not close: a close frame would queue behind the data the reader is not taking.
        connection.socket.terminate();
    }
}
