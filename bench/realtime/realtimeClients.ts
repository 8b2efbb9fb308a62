// The devices of the realtime bench, run as a child process of realtime.ts so the server's process keeps a
// core to itself: one real `ws` socket per device, each authenticated as its own wallet. Every offer frame's
// arrival is timed the moment `ws` hands it over; when the last eligible device has a task's offer, the parent is
// told at once. Reading an offer takes two byte searches, no JSON parse: at ten thousand sockets the child's own
// per-message cost would otherwise show up in the times it reports.
import { cpuUsage } from 'node:process';
import { WebSocket } from 'ws';
import { epochMs } from '../load/epochClock';
import { ClientDevice, FromClients, OfferTally, ToClients } from './realtimeProtocol';

/** Upgrades in flight at once: enough to connect ten thousand devices in seconds, few enough for the listen backlog. */
const CONNECTING_AT_ONCE = 200;
const SYNC_TIMEOUT_MS = 30_000;

// The server writes frames with JSON.stringify, so an offer starts with its type and carries `task_id` as a string.
const OFFER_START = Buffer.from('{"type":"offer"');
const HEARTBEAT_START = Buffer.from('{"type":"heartbeat"');
const TASK_ID_KEY = Buffer.from('"task_id":"');
const QUOTE = 0x22;

interface Device {
    socket: WebSocket;
    eligible: boolean;
    open: boolean;
}

/** One task's offer: who has it (frames per device), when it first reached a device, and whether the parent knows. */
interface OfferArrivals {
    perDevice: Uint16Array;
    eligibleReceived: number;
    firstEpochMs: number;
    firstCpu: NodeJS.CpuUsage;
    reported: boolean;
}

const devices: Device[] = [];
const arrivals = new Map<string, OfferArrivals>();
const syncWaiters = new Map<number, () => void>();
let openEligible = 0;
let unreadableOffers = 0;

const answer = (message: FromClients) => process.send!(message);

function startsWith(data: Buffer, prefix: Buffer): boolean {
    return data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

function taskIdOf(data: Buffer): string | undefined {
    const start = data.indexOf(TASK_ID_KEY);
    if (start < 0) return undefined;
    const from = start + TASK_ID_KEY.length;
    const end = data.indexOf(QUOTE, from);
    return end < 0 ? undefined : data.toString('latin1', from, end);
}

function recordOffer(index: number, data: Buffer, at: number): void {
    const taskId = taskIdOf(data);
    if (taskId === undefined) {
        unreadableOffers++;
        return;
    }
    let offer = arrivals.get(taskId);
    if (!offer) {
        const perDevice = new Uint16Array(devices.length);
        offer = { perDevice, eligibleReceived: 0, firstEpochMs: at, firstCpu: cpuUsage(), reported: false };
        arrivals.set(taskId, offer);
    }
    if (offer.perDevice[index]++ > 0 || !devices[index].eligible) return;
    offer.eligibleReceived++;
    if (offer.reported || offer.eligibleReceived < openEligible) return;
    offer.reported = true;
    const cpu = cpuUsage(offer.firstCpu);
    answer({ kind: 'arrived', taskId, firstEpochMs: offer.firstEpochMs, lastEpochMs: at, cpuMs: (cpu.user + cpu.system) / 1000 });
}

function onMessage(index: number, data: Buffer): void {
    const at = epochMs();
    if (startsWith(data, OFFER_START)) recordOffer(index, data, at);
    else if (startsWith(data, HEARTBEAT_START)) syncWaiters.get(index)?.();
}

/** Opens one device's socket; resolves once the server's welcome shows the hub has attached it. */
function connectOne(url: string, device: ClientDevice): Promise<void> {
    const index = devices.length;
    const socket = new WebSocket(`${url}?device_id=${device.deviceId}`, {
        headers: { authorization: `Bearer ${device.token}` },
        perMessageDeflate: false,
    });
    const entry: Device = { socket, eligible: device.eligible, open: false };
    devices.push(entry);
    return new Promise((resolve, reject) => {
        socket.once('unexpected-response', (_req, res) => {
            reject(new Error(`device ${device.deviceId}: upgrade refused with ${res.statusCode}`));
        });
        socket.once('error', reject);
        socket.once('message', () => {
            entry.open = true;
            if (entry.eligible) openEligible++;
            socket.on('message', (data: Buffer) => onMessage(index, data));
            resolve();
        });
        socket.once('close', () => {
            if (entry.open && entry.eligible) openEligible--;
            entry.open = false;
        });
    });
}

async function connectAll(url: string, toConnect: ClientDevice[]): Promise<void> {
    let next = 0;
    const lane = async () => {
        while (next < toConnect.length) await connectOne(url, toConnect[next++]);
    };
    await Promise.all(Array.from({ length: CONNECTING_AT_ONCE }, lane));
}

/** A heartbeat round trip on every open socket: each socket's earlier frames have all arrived once it returns. */
async function syncAll(): Promise<void> {
    const synced = devices.map((device, index) => {
        if (!device.open) return Promise.resolve();
        return new Promise<void>((resolve) => {
            syncWaiters.set(index, () => {
                syncWaiters.delete(index);
                resolve();
            });
            device.socket.send(JSON.stringify({ type: 'heartbeat', request_id: 'bench-sync' }));
        });
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('sockets did not answer the sync heartbeat')), SYNC_TIMEOUT_MS);
    });
    await Promise.race([Promise.all(synced), late]).finally(() => clearTimeout(timer));
}

function tallyOf(taskId: string): OfferTally {
    const tally: OfferTally = { taskId, eligibleReceived: 0, eligibleMissing: 0, ineligibleReceived: 0, duplicates: 0 };
    const perDevice = arrivals.get(taskId)?.perDevice;
    devices.forEach((device, index) => {
        const frames = perDevice?.[index] ?? 0;
        if (frames > 1) tally.duplicates += frames - 1;
        if (!device.eligible) tally.ineligibleReceived += Math.min(frames, 1);
        else if (frames > 0) tally.eligibleReceived++;
        else tally.eligibleMissing++;
    });
    return tally;
}

async function handle(message: ToClients): Promise<FromClients> {
    switch (message.kind) {
        case 'connect': {
            const started = epochMs();
            await connectAll(message.url, message.devices);
            return { kind: 'connected', open: devices.filter((d) => d.open).length, seconds: (epochMs() - started) / 1000 };
        }
        case 'clock':
            return { kind: 'clock', epochMs: epochMs() };
        case 'tally':
            await syncAll();
            return {
                kind: 'tally',
                offers: message.taskIds.map(tallyOf),
                unreadableOffers,
                closedSockets: devices.filter((d) => !d.open).length,
            };
    }
}

process.on('message', (message: ToClients) => {
    handle(message).then(answer, (err: Error) => answer({ kind: 'error', error: err.stack ?? String(err) }));
});
process.on('disconnect', () => {
    for (const device of devices) device.socket.terminate();
    process.exit(0);
});
