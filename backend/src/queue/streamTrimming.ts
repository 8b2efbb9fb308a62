// Keeps the task stream near a maximum length without ever dropping an entry some consumer group still needs.
//
// The rule. An entry is still needed while it is pending in a group (delivered, not acknowledged) or not yet
// delivered to a group (after the group's last-delivered-id). So every entry before
//     neededFrom = min over groups of ( oldest pending id, the id right after last-delivered-id )
// is done with, and only those may go:
//   - `XTRIM MAXLEN ~ N` when the entries it would drop (the oldest XLEN - N) all come before neededFrom;
//   - otherwise `XTRIM MINID ~ neededFrom`, which drops done entries only, and leaves the stream longer than N for
//     as long as more than N entries are still needed.
// `~` lets Redis drop whole internal nodes only, so it drops at most what the exact form would: never more.
//
// Why it is safe against concurrent consumers: neededFrom can only move forward. An entry before it is acknowledged
// in every group and can never be pending again; entries published later get later ids; entries delivered later
// come after last-delivered-id as it was read. The length check and the trim run as one script, so a publish can
// not slip in between and make MAXLEN drop more than was checked.
import Redis from 'ioredis';
import { compareStreamIds, nextStreamId } from './streamIds';
import { parseGroups, parseOldestPendingId } from './streamReplies';

const TRIM_SCRIPT = `
local stream, maxLength, neededFrom = KEYS[1], tonumber(ARGV[1]), ARGV[2]
local excess = redis.call('XLEN', stream) - maxLength
if excess <= 0 then return 0 end
local done = redis.call('XRANGE', stream, '-', '(' .. neededFrom, 'COUNT', excess)
if #done == excess then return redis.call('XTRIM', stream, 'MAXLEN', '~', maxLength) end
return redis.call('XTRIM', stream, 'MINID', '~', neededFrom)
`;

/** The first id some group of `stream` still needs (see the rule above); undefined when the stream has no group. */
export async function oldestNeededId(redis: Redis, stream: string): Promise<string | undefined> {
    let oldest: string | undefined;
    for (const group of parseGroups(await redis.xinfo('GROUPS', stream))) {
        let needed = nextStreamId(group.lastDeliveredId);
        if (group.pending > 0) {
            const oldestPending = parseOldestPendingId(await redis.xpending(stream, group.name));
            if (oldestPending !== undefined && compareStreamIds(oldestPending, needed) < 0) needed = oldestPending;
        }
        if (oldest === undefined || compareStreamIds(needed, oldest) < 0) oldest = needed;
    }
    return oldest;
}

/** Trims `stream` towards `maxLength` entries by the rule above; resolves with the number of entries dropped. */
export async function trimStream(redis: Redis, stream: string, maxLength: number): Promise<number> {
    const neededFrom = await oldestNeededId(redis, stream);
    // No group yet: one created later starts from the beginning, so every entry is still needed.
    if (neededFrom === undefined) return 0;
    return Number(await redis.eval(TRIM_SCRIPT, 1, stream, maxLength, neededFrom));
}
