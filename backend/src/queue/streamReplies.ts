// ioredis hands stream replies back untyped (nested arrays); these read the shapes Redis 7 sends and fail loudly
// on anything else, rather than let a queue act on a misread reply.

export interface StreamEntry {
    id: string;
    fields: Record<string, string>;
}

function fail(command: string, raw: unknown): never {
    throw new Error(`unexpected ${command} reply: ${JSON.stringify(raw)?.slice(0, 200)}`);
}

function isString(value: unknown): value is string {
    return typeof value === 'string';
}

/** `[[id, [field, value, ...]], ...]`, as XRANGE replies and XREADGROUP / XAUTOCLAIM embed. */
export function parseEntries(raw: unknown, command = 'XRANGE'): StreamEntry[] {
    if (!Array.isArray(raw)) fail(command, raw);
    return raw.map((item: unknown) => {
        if (!Array.isArray(item) || !isString(item[0]) || !Array.isArray(item[1]) || !item[1].every(isString)) {
            fail(command, raw);
        }
        const flat = item[1] as string[];
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
        return { id: item[0], fields };
    });
}

/** XREADGROUP on one stream: null when BLOCK timed out with nothing new. */
export function parseReadGroupReply(raw: unknown): StreamEntry[] {
    if (raw === null) return [];
    if (!Array.isArray(raw) || raw.length !== 1 || !Array.isArray(raw[0])) fail('XREADGROUP', raw);
    return parseEntries(raw[0][1], 'XREADGROUP');
}

export interface AutoClaimReply {
    /** Where the next call continues; "0-0" once the whole pending list was scanned. */
    next: string;
    claimed: StreamEntry[];
    /** Pending entries no longer in the stream; Redis 7 already dropped them from the pending list. */
    deletedIds: string[];
}

export function parseAutoClaimReply(raw: unknown): AutoClaimReply {
    // The third element (deleted ids) is Redis 7's; Redis 6.2 replies with two, which this refuses on purpose.
    if (!Array.isArray(raw) || raw.length !== 3 || !isString(raw[0]) || !Array.isArray(raw[2]) || !raw[2].every(isString)) {
        fail('XAUTOCLAIM', raw);
    }
    return { next: raw[0], claimed: parseEntries(raw[1], 'XAUTOCLAIM'), deletedIds: raw[2] };
}

export interface GroupState {
    name: string;
    /** Entries delivered to the group's consumers and not yet acknowledged. */
    pending: number;
    /** The last entry handed out by `>` reads: every later entry is still undelivered to this group. */
    lastDeliveredId: string;
    /** Entries not yet delivered to the group; null when Redis cannot tell (entries deleted with XDEL, say). */
    lag: number | null;
}

/** XINFO GROUPS: one flat field/value list per group. */
export function parseGroups(raw: unknown): GroupState[] {
    if (!Array.isArray(raw)) fail('XINFO GROUPS', raw);
    return raw.map((group: unknown) => {
        if (!Array.isArray(group)) fail('XINFO GROUPS', raw);
        const fields = new Map<unknown, unknown>();
        for (let i = 0; i + 1 < group.length; i += 2) fields.set(group[i], group[i + 1]);
        const name = fields.get('name');
        const pending = fields.get('pending');
        const lastDeliveredId = fields.get('last-delivered-id');
        const lag = fields.get('lag') ?? null;
        if (!isString(name) || typeof pending !== 'number' || !isString(lastDeliveredId) || (lag !== null && typeof lag !== 'number')) {
            fail('XINFO GROUPS', raw);
        }
        return { name, pending, lastDeliveredId, lag };
    });
}

/** XPENDING's summary form: the smallest pending id, or undefined when nothing is pending. */
export function parseOldestPendingId(raw: unknown): string | undefined {
    if (!Array.isArray(raw) || typeof raw[0] !== 'number') fail('XPENDING', raw);
    if (raw[0] === 0) return undefined;
    if (!isString(raw[1])) fail('XPENDING', raw);
    return raw[1];
}

/** XPENDING's extended form for one id: its delivery count, or undefined once it is no longer pending. */
export function parseDeliveryCount(raw: unknown): number | undefined {
    if (!Array.isArray(raw)) fail('XPENDING', raw);
    if (raw.length === 0) return undefined;
    const [row] = raw;
    if (!Array.isArray(row) || row.length !== 4 || typeof row[3] !== 'number') fail('XPENDING', raw);
    return row[3];
}
