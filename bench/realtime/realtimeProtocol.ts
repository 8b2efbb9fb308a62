// What realtime.ts and its device-client child process (realtimeClients.ts) say to each other over
// IPC. Requests go one at a time and each gets one answer; `arrived` is the only message the child sends on its own.

/** One device as the child connects it: its own wallet's session, and whether the bench's tasks should reach it. */
export interface ClientDevice {
    deviceId: string;
    token: string;
    eligible: boolean;
}

/** What the child saw of one task's offer once every socket was synced (see `tally`). */
export interface OfferTally {
    taskId: string;
    eligibleReceived: number;
    eligibleMissing: number;
    /** Offers that reached a device below the task's minimum trust: must stay 0. */
    ineligibleReceived: number;
    /** Offer frames beyond the first on one socket: must stay 0. */
    duplicates: number;
}

export type ToClients =
    /** Opens a socket for each device, after those already open; answered with `connected`. */
    | { kind: 'connect'; url: string; devices: ClientDevice[] }
    /** A clock reading, for the offset between the two processes' clocks; answered with `clock`. */
    | { kind: 'clock' }
    /** Syncs every socket (a heartbeat round trip), then counts who got what; answered with `tally`. */
    | { kind: 'tally'; taskIds: string[] };

export type FromClients =
    | { kind: 'connected'; open: number; seconds: number }
    | { kind: 'clock'; epochMs: number }
    | { kind: 'tally'; offers: OfferTally[]; unreadableOffers: number; closedSockets: number }
    /**
     * Sent unasked, once per task: the last eligible device has its offer. Times on the child's clock; `cpuMs` is
     * the CPU the child spent between the first arrival and the last (near their difference: the child was the limit).
     */
    | { kind: 'arrived'; taskId: string; firstEpochMs: number; lastEpochMs: number; cpuMs: number }
    | { kind: 'error'; error: string };
